// Only on an /admin/ built without a login service (login-missing.html): a click on „Mit GitHub
// einloggen“ would open a window to a service that is not there, so it leads to the notice instead.
// A local trial with decap-server (config.yml has local_backend) logs in without the service: the
// notice goes away there.
(() => {
  const notice = document.getElementById("hub-login-missing");
  if (!notice) return;
  fetch("config.yml", { cache: "no-store" })
    .then((response) => response.text())
    .then((text) => {
      if (/^local_backend:/m.test(text)) notice.hidden = true;
    })
    .catch(() => {});
  window.addEventListener(
    "click",
    (event) => {
      const button = notice.hidden || !(event.target instanceof Element) ? null : event.target.closest("button");
      if (!button || !/GitHub/.test(button.textContent || "")) return;
      event.preventDefault();
      event.stopImmediatePropagation(); // before the CMS's own handler opens the login window
      notice.focus();
      notice.scrollIntoView({ block: "nearest" });
    },
    true,
  );
})();
