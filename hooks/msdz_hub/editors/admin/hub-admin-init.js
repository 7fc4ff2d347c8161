// Runs before the CMS bundle: the hub registers its file formats before the CMS starts (hub-admin.js).
window.CMS_MANUAL_INIT = true;
