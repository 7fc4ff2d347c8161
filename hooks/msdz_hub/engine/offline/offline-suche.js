// The offline copy's search: every word of the query must occur in a page's title or text, compared
// without case, umlauts written out (ä = ae, ß = ss); pages with the words in their title come first.
(() => {
  const fold = (text) => text.toLowerCase()
    .replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").replace(/ß/g, "ss")
    .normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  const pages = window.HUB_OFFLINE_INDEX.map((page) => ({...page, title: fold(page.t), text: fold(page.x)}));
  const form = document.querySelector("form");
  const input = form.querySelector("input");
  const status = document.getElementById("status");
  const list = document.getElementById("results");

  function search(query) {
    const words = fold(query).split(/\s+/).filter(Boolean);
    const found = words.length ? pages.filter((page) => words.every((w) => page.title.includes(w) || page.text.includes(w))) : [];
    found.sort((a, b) => words.filter((w) => b.title.includes(w)).length - words.filter((w) => a.title.includes(w)).length);
    list.replaceChildren(...found.map((page) => {
      const item = document.createElement("li");
      const link = Object.assign(document.createElement("a"), {href: page.u, textContent: page.t});
      const excerpt = Object.assign(document.createElement("p"), {textContent: page.x.slice(0, 200) + (page.x.length > 200 ? " …" : "")});
      item.append(link, excerpt);
      return item;
    }));
    status.textContent = words.length ? `${found.length} ${found.length === 1 ? "Seite" : "Seiten"} gefunden.` : "";
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    search(input.value);
    history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
  });
  const query = new URLSearchParams(location.search).get("q");
  if (query) {
    input.value = query;
    search(query);
  }
})();
