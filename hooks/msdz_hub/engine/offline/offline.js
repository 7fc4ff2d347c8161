// Only in the offline copy of a release (a ZIP opened from the file system): Pagefind cannot load
// from file://, so the search button and the keys "/" and "s" lead to suche.html instead, which
// searches the pages' text from offline-index.js. Capturing on the document stops the site's own
// search script from trying (and failing) first.
(() => {
  const root = document.currentScript.dataset.root;
  const toSearch = (event) => {
    event.preventDefault();
    event.stopPropagation();
    location.href = root + "suche.html";
  };
  document.addEventListener("click", (event) => {
    if (event.target.closest && event.target.closest("[data-hub-search-open]")) toSearch(event);
  }, true);
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    const typing = target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
    if ((event.key === "/" || event.key === "s") && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      toSearch(event);
    }
  }, true);
})();
