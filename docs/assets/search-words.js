// „Meinten Sie …?“ for the site's search (search.js): a better spelling of a query, taken from the
// words the site itself uses. The build writes them with how often each occurs (suche/woerter.json,
// msdz_hub.views.site_words); this file and that list load only after a query's results are shown,
// and for a query with many results only when one of its words is not marked in them.
//
// A query that found little may have any word replaced by the nearest word of the site. One with
// many results (Pagefind's stemming finds „Beteil…“ for „Beteilgung“) only has a word replaced that
// the site does not use in any form and that is one or two edits from a word the site uses often:
// a correct word is on the site, and a name is either on it or far from its frequent words.

let vocabulary; // folded word -> [spelling, count], loaded once
const FREQUENT = 5; // how often a word must occur on the site to be offered for a query with many results
// Endings of one word's forms: a query in another form than the site's is no typo („Beteiligungen“).
const ENDINGS = ["e", "n", "en", "s", "es", "er", "ern", "in", "innen"];

// Spellings a reader types for the same word: case, umlauts written out or left off, ß as ss.
export function fold(word) {
  return word.toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/ae/g, "a").replace(/oe/g, "o").replace(/ue/g, "u")
    .replace(/ä/g, "a").replace(/ö/g, "o").replace(/ü/g, "u");
}

async function load(url) {
  if (!vocabulary) {
    vocabulary = fetch(url).then((response) => response.json()).then((data) => {
      const known = new Map();
      for (const [word, count] of data.words) {
        const key = fold(word);
        if (!known.has(key) || known.get(key)[1] < count) known.set(key, [word, count]);
      }
      return known;
    });
  }
  return vocabulary;
}

// Edits (a letter left out, added, changed, or two swapped) between a and b; more than `limit` stops early.
function distance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = null;
  let row = Array.from({length: b.length + 1}, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    let smallest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + cost);
      if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
      next.push(value);
      smallest = Math.min(smallest, value);
    }
    if (smallest > limit) return limit + 1;
    before = row;
    row = next;
  }
  return row[b.length];
}

function nearest(word, known, least) {
  const limit = word.length <= 5 ? 1 : 2;
  let best = null;
  for (const [key, [spelling, count]] of known) {
    if (count < least) continue;
    const edits = distance(word, key, limit);
    if (edits > limit) continue;
    if (!best || edits < best.edits || (edits === best.edits && count > best.count)) best = {spelling, count, edits};
  }
  return best && best.spelling;
}

// The word, or another form of it, is one of the site's.
function inForm(key, known) {
  if (known.has(key)) return true;
  return ENDINGS.some((ending) => known.has(key + ending) || (key.endsWith(ending) && known.has(key.slice(0, -ending.length))));
}

// Pagefind marked the word, or another form of it, in the results: it is on the site.
export function marked(word, marks) {
  const key = fold(word);
  return marks.some((mark) => {
    const seen = fold(mark);
    return seen.startsWith(key) || (key.startsWith(seen) && key.length - seen.length <= 5);
  });
}

// The query with each word the site does not know replaced by the nearest one it knows; null when
// nothing would change. `marks`: for a query with many results, the words Pagefind marked in them;
// then a marked word stays, and only a word the site uses often is offered.
export async function betterSpelling(query, url, marks = null) {
  const known = await load(url);
  let changed = false;
  const words = query.split(/\s+/).filter(Boolean).map((word) => {
    const key = fold(word);
    if (word.length < 4 || inForm(key, known) || (marks && marked(word, marks))) return word;
    const better = nearest(key, known, marks ? FREQUENT : 0);
    if (!better) return word;
    changed = true;
    return better;
  });
  return changed ? words.join(" ") : null;
}
