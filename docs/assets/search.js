// The site's search dialog (overrides/partials/search.html) over Pagefind's index, loaded on the
// first opening. Pagefind stems German and folds umlauts and ß (Grossraeschen finds Großräschen);
// this file only asks it and shows the answer: results with collection, towns and date, the
// excerpt with the query's words marked, and filters with counts. Everything comes from this site.
// It offers „Meinten Sie …?" from the site's own words when a word of the query is not one of them
// (search-words.js and suche/woerter.json, loaded after the results are shown, see there).
//
// The first query is what a reader waits for: the dialog asks Pagefind for the query's index chunks
// as soon as it is typed (preload, before the pause after typing), and the filter index, which only
// the filter counts need, loads after the first results are shown.

const FILTERS = {bereich: "Bereich", thema: "Thema", runde: "Förderrunde", kommune: "Kommune", jahr: "Jahr"};
const PAGE = 10; // results shown at once; "Weitere Ergebnisse anzeigen" adds as many
// Fewer results than a page: if a word of the query is not one the site uses, offer the nearest one
// that is. A typo often finds a few pages by a part of the word („Partizipaton“ -> „P.“), so a count
// of three or four is no sign the word is right. With more, only a word Pagefind did not mark in
// the results is looked up, and only a frequent word of the site offered (search-words.js).
const FEW = PAGE;
// The first query's filter counts need a second pass over its results once the filter index is
// there; it waits for a pause, so that a reader who types on is not kept waiting by it.
const COUNT_PAUSE = 700; // ms
// Pagefind's ranking: pageLength 0.75 (its default) lets a short partner page with the word once beat
// a practice that explains it; termSimilarity favours the word as typed over longer stem matches. The
// title counts as the page's <h1> does, whose weight the templates set by collection (a town's or
// topic's 10, a practice's 7, an event's 3); Pagefind's own title bonus would rank every event
// named after a town above the town's page. A topic's, town's or project's page carries its title
// once more as the meta field "name" (msdz_hub.views.search_data): a query that is that name gets
// the boost, one that only shares a word with it gets little (Pagefind squares the field's coverage).
const RANKING = {pageLength: 0.3, termSimilarity: 2.0, metaWeights: {title: 0, name: 10}};

export async function start(dialog, bundleUrl) {
  const pagefind = await import(bundleUrl);
  await pagefind.options({baseUrl: new URL("..", bundleUrl).pathname, excerptLength: 24, ranking: RANKING});
  pagefind.init(); // the entry file and the WebAssembly, while the reader starts typing
  // Pagefind counts results per filter value only once its filter index is loaded: asked for after
  // the first results are shown, never before them.
  let filterIndex = null;
  let filtersReady = false;
  const input = dialog.querySelector("input");
  const status = dialog.querySelector("[data-hub-search-status]");
  const list = dialog.querySelector("[data-hub-search-results]");
  const more = dialog.querySelector("[data-hub-search-more]");
  const filterBox = dialog.querySelector("[data-hub-search-filters]");
  const refine = dialog.querySelector("[data-hub-search-refine]");
  const suggestion = dialog.querySelector("[data-hub-search-suggestion]");
  const wordsUrl = new URL(dialog.dataset.words, document.baseURI).href;
  refine.open = window.matchMedia("(min-width: 45em)").matches; // on a phone the results come first
  const chosen = {};
  let results = [];
  let shown = 0;
  let latest = 0;

  async function search() {
    const query = input.value.trim();
    const run = ++latest;
    if (!query) {
      list.replaceChildren();
      more.hidden = true;
      refine.hidden = true;
      suggestion.hidden = true;
      status.textContent = "";
      return;
    }
    const filters = Object.fromEntries(Object.entries(chosen).filter(([, value]) => value));
    const counted = filtersReady;
    const answer = await pagefind.search(query, {filters});
    if (run !== latest || !answer) return; // a newer query is under way
    results = answer.results;
    shown = 0;
    list.replaceChildren();
    await showMore();
    if (run !== latest) return;
    const count = results.length;
    status.textContent = count === 0 ? `Keine Ergebnisse für „${query}“.`
      : `${count} ${count === 1 ? "Ergebnis" : "Ergebnisse"} für „${query}“.`;
    const spelling = offerSpelling(query, count, run).catch(() => {}); // without the list, no suggestion: the results stand
    if (counted) {
      showFilters(answer.filters || {});
    } else {
      filterIndex ??= pagefind.filters().then(() => { filtersReady = true; });
      await filterIndex;
      await new Promise((resolve) => setTimeout(resolve, COUNT_PAUSE));
      if (run !== latest) return; // the reader typed on: the next query counts, at no extra cost
      const recount = await pagefind.search(query, {filters}); // the chunks are loaded: only counting
      if (run === latest && recount) showFilters(recount.filters || {});
    }
    await spelling;
  }

  async function offerSpelling(query, count, run) {
    suggestion.hidden = true;
    delete suggestion.dataset.checked;
    try {
      await suggestSpelling(query, count, run);
    } finally {
      if (run === latest) suggestion.dataset.checked = query; // the answer is final (the tests wait for it)
    }
  }

  async function suggestSpelling(query, count, run) {
    const many = count >= FEW;
    const marks = [...list.querySelectorAll("mark")].map((mark) => mark.textContent);
    const words = await import(new URL("search-words.js", import.meta.url).href);
    // every word marked in the results is on the site: the word list is not loaded
    if (many && query.split(/\s+/).every((word) => word.length < 4 || words.marked(word, marks))) return;
    const better = await words.betterSpelling(query, wordsUrl, many ? marks : null);
    if (run !== latest || !better) return;
    const link = Object.assign(document.createElement("a"), {href: `#suche=${encodeURIComponent(better)}`, textContent: better});
    link.addEventListener("click", (event) => {
      event.preventDefault(); // the address stays; "#suche=…" opens the search from other pages
      input.value = better;
      search().then(() => input.focus());
    });
    suggestion.replaceChildren("Meinten Sie „", link, "“?");
    suggestion.hidden = false;
    status.textContent += ` Meinten Sie „${better}“?`;
  }

  async function showMore() {
    const next = results.slice(shown, shown + PAGE);
    shown += next.length;
    const items = await Promise.all(next.map((result) => result.data()));
    list.append(...items.map(resultItem));
    more.hidden = shown >= results.length;
  }

  function showFilters(counts) {
    filterBox.replaceChildren(filterBox.querySelector("legend"));
    const active = Object.values(chosen).filter(Boolean).length;
    dialog.querySelector("[data-hub-search-refine-label]").textContent = active ? `Filter (${active} aktiv)` : "Filter";
    for (const [key, label] of Object.entries(FILTERS)) {
      const values = Object.entries(counts[key] || {}).filter(([value, n]) => n > 0 || chosen[key] === value);
      if (values.length < 2 && !chosen[key]) continue;
      const id = `hub-search-filter-${key}`;
      const select = Object.assign(document.createElement("select"), {id, name: key});
      select.append(new Option("alle", ""));
      values.sort(([a], [b]) => a.localeCompare(b, "de"));
      for (const [value, n] of values) select.append(new Option(`${value} (${n})`, value, false, chosen[key] === value));
      select.addEventListener("change", () => {
        chosen[key] = select.value;
        search().then(() => dialog.querySelector(`#${id}`)?.focus());
      });
      const labelled = Object.assign(document.createElement("label"), {htmlFor: id, textContent: label});
      const field = document.createElement("div");
      field.className = "hub-search__filter";
      field.append(labelled, select);
      filterBox.append(field);
    }
    refine.hidden = filterBox.children.length < 2; // no empty „Ergebnisse eingrenzen“
  }

  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const typed = input.value.trim();
    if (typed) pagefind.preload(typed).catch(() => {}); // the search after the pause finds them loaded
    timer = setTimeout(search, 150);
  });
  dialog.querySelector("[data-hub-search-form]").addEventListener("submit", (event) => {
    event.preventDefault();
    const first = list.querySelector("a");
    if (first && input.value.trim()) first.click(); else search();
  });
  more.addEventListener("click", async () => {
    const before = shown;
    await showMore();
    list.children[before]?.querySelector("a")?.focus(); // the first new result, not back to the top
  });
  dialog.querySelector("[data-hub-search-close]").addEventListener("click", () => dialog.close());
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) dialog.close(); // a click on the backdrop
  });
  const opener = document.querySelector("[data-hub-search-open]");
  dialog.addEventListener("close", () => opener.focus());
}

function resultItem(data) {
  const item = document.createElement("li");
  item.className = "hub-search__result";
  const link = Object.assign(document.createElement("a"), {href: data.url});
  link.textContent = data.meta.title || data.url;
  const heading = document.createElement("h3");
  heading.append(link);
  item.append(heading);
  const facts = [data.meta.collection, data.meta.town, data.meta.date].filter(Boolean);
  if (facts.length) {
    const meta = Object.assign(document.createElement("p"), {className: "hub-search__meta", textContent: facts.join(" · ")});
    item.append(meta);
  }
  const excerpt = document.createElement("p");
  excerpt.className = "hub-search__excerpt";
  excerpt.append(...markedText(data.excerpt));
  item.append(excerpt);
  return item;
}

// Pagefind's excerpt is escaped text with <mark> around the query's words: keep exactly that,
// as text nodes and <mark> elements, so that nothing from the pages can become markup here.
function markedText(excerpt) {
  const parsed = new DOMParser().parseFromString(`<p>${excerpt || ""}</p>`, "text/html").body.firstChild;
  return [...parsed.childNodes].map((node) => {
    if (node.nodeName === "MARK") return Object.assign(document.createElement("mark"), {textContent: node.textContent});
    return document.createTextNode(node.textContent);
  });
}
