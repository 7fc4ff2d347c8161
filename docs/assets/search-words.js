// „Meinten Sie …?“ for the site's search (search.js): a better spelling of a query that found little,
// taken from the words the site itself uses. The build writes them with how often each occurs
// (suche/woerter.json, msdz_hub.views.search_words); this file and that list load only when a query
// finds fewer pages than the dialog shows at once, never with a page.

let vocabulary; // folded word -> [spelling, count], loaded once

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

function nearest(word, known) {
  const limit = word.length <= 5 ? 1 : 2;
  let best = null;
  for (const [key, [spelling, count]] of known) {
    const edits = distance(word, key, limit);
    if (edits > limit) continue;
    if (!best || edits < best.edits || (edits === best.edits && count > best.count)) best = {spelling, count, edits};
  }
  return best && best.spelling;
}

// The query with each word the site does not know replaced by the nearest one it knows; null when
// nothing would change.
export async function betterSpelling(query, url) {
  const known = await load(url);
  let changed = false;
  const words = query.split(/\s+/).filter(Boolean).map((word) => {
    const key = fold(word);
    if (word.length < 4 || known.has(key)) return word;
    const better = nearest(key, known);
    if (!better) return word;
    changed = true;
    return better;
  });
  return changed ? words.join(" ") : null;
}
