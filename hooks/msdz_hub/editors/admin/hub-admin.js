// The hub's part of the admin page: how the CMS reads and writes data files, and the file name of
// a new record. The writer follows hooks/msdz_hub/canonical.py rule for rule (see its docstring), so a
// file saved here is byte for byte what `python -m msdz_hub format` would write, and an edit of one
// field changes one line in review. tests/test_cms_config.py runs both writers on every data file.
import { parse } from './vendor/yaml/index.js';
import { registerControls } from './hub-controls.js';

const RESERVED = new Set(['y', 'n', 'yes', 'no', 'true', 'false', 'on', 'off', 'null', '~']);
const PLAIN = /^[^\x00-\x1f\x7f\x85\u2028\u2029\ufeff]*$/;
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const BLOCK_UNSAFE = /[\x00-\x09\x0b-\x1f\x7f\x85\u2028\u2029\ufeff]|[ \t]\n|[ \t]$/;
const INDENT = '  ';
const ID_FIELD = 'kennung'; // form-only (hooks/msdz_hub/cms_config.py): the file name, not a key in the file

const isEmpty = (v) => v === null || v === undefined
  || ((typeof v === 'string' || Array.isArray(v)) && v.length === 0)
  || (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0);

// Empty values are dropped after their own empty parts are: an optional object left blank in the
// form (a practice's own contact) arrives as fields with empty strings and must not stay as "contact:".
export function ordered(value, order) {
  if (Array.isArray(value)) return value.map((item) => ordered(item, order)).filter((item) => !isEmpty(item));
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(order);
  const rank = (k) => (keys.includes(k) ? keys.indexOf(k) : keys.length);
  const result = {};
  Object.keys(value).sort((a, b) => rank(a) - rank(b)).forEach((k) => {
    const inner = ordered(value[k], order[k] || {});
    if (!isEmpty(inner)) result[k] = inner;
  });
  return result;
}

const plainSafe = (text) => /^\p{L}/u.test(text) && !RESERVED.has(text.toLowerCase())
  && text === text.trim() && !text.includes(': ') && !text.includes(' #') && !text.endsWith(':');

export function scalar(value) {
  if (value === true || value === false) return String(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('Zahl ist unendlich oder keine Zahl.');
    return String(value);
  }
  const text = String(value);
  if (DATE.test(text) || (PLAIN.test(text) && plainSafe(text))) return text;
  return JSON.stringify(text);
}

function block(text, indent) {
  const body = text.replace(/\n+$/, '');
  if (!text.includes('\n') || !body || ' \t\n'.includes(body[0]) || BLOCK_UNSAFE.test(body)) return null;
  const trailing = text.length - body.length;
  const lines = [`|${trailing === 0 ? '-' : trailing === 1 ? '' : '+'}`];
  body.split('\n').forEach((line) => lines.push(line ? indent + line : ''));
  for (let i = 1; i < trailing; i += 1) lines.push('');
  return lines;
}

function valueLines(value, indent) {
  if (Array.isArray(value)) return ['', sequence(value, indent)];
  if (value !== null && typeof value === 'object') return ['', mapping(value, indent)];
  if (typeof value === 'string') {
    const lines = block(value, indent);
    if (lines) return [` ${lines[0]}`, lines.slice(1)];
  }
  return [` ${scalar(value)}`, []];
}

function mapping(data, indent) {
  const lines = [];
  Object.entries(data).forEach(([key, value]) => {
    const [head, below] = valueLines(value, indent + INDENT);
    lines.push(`${indent}${scalar(key)}:${head}`, ...below);
  });
  return lines;
}

function sequence(items, indent) {
  const lines = [];
  items.forEach((item) => {
    if (item !== null && typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length) {
      const inner = mapping(item, indent + INDENT);
      lines.push(`${indent}- ${inner[0].slice(indent.length + 2)}`, ...inner.slice(1));
    } else {
      const [head, below] = valueLines(item, indent + INDENT);
      lines.push(`${indent}-${head}`, ...below);
    }
  });
  return lines;
}

export function dump(collection, data, order) {
  const header = `# yaml-language-server: $schema=../schema/${collection}.schema.json\n`;
  const { [ID_FIELD]: _omitted, ...rest } = data;
  return header + mapping(ordered(rest, order), '').map((line) => `${line}\n`).join('');
}

// Like hooks/msdz_hub/reading/tree.py suggest_id: 'Bürgerbüro Großräschen' -> 'buergerbuero-grossraeschen'.
export function suggestId(title) {
  let text = title.toLowerCase();
  [['ä', 'ae'], ['ö', 'oe'], ['ü', 'ue'], ['ß', 'ss']].forEach(([u, s]) => { text = text.split(u).join(s); });
  text = text.normalize('NFKD').replace(/\p{M}/gu, '').replace(/(?<=\d),(?=\d)/g, '');
  return text.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'eintrag';
}

// Decap's German words where they say something else than the guide (CONTRIBUTING.md) or than is
// true: „Änderungen gespeichert“ on a new, empty form; „Zur Überprüfung“ where the guide says
// „Zur Prüfung“; English names of buttons; the field's label repeated before each pattern message.
const GERMAN = {
  editor: {
    editorToolbar: {
      changesSaved: 'Keine ungespeicherten Änderungen',
      inReview: 'Zur Prüfung',
      ready: 'Fertig geprüft',
      deleteUnpublishedEntry: 'Entwurf löschen',
      deleteUnpublishedChanges: 'Ungespeicherte Änderungen verwerfen',
      backCollection: 'Zurück zur Übersicht: %{collectionLabel}',
    },
    editorControlPane: { widget: { regexPattern: '%{pattern}' } },
    editorWidgets: {
      datetime: { now: 'Jetzt', clear: 'Leeren', setToNow: '%{fieldLabel}: jetzt eintragen' },
      list: { add: '%{item} hinzufügen', addType: '%{item} hinzufügen' },
      object: { expand: 'Aufklappen', collapse: 'Zuklappen' },
    },
  },
};

function merged(base, extra) {
  const result = { ...base };
  Object.entries(extra).forEach(([key, value]) => {
    result[key] = value && typeof value === 'object' ? merged(base?.[key] || {}, value) : value;
  });
  return result;
}

async function start() {
  const CMS = window.CMS;
  window.hubSuggestId = suggestId;
  const german = typeof CMS.getLocale === 'function' ? CMS.getLocale('de') : null;
  if (german) CMS.registerLocale('de', merged(german, GERMAN));
  registerControls(CMS);
  const orders = await (await fetch('formats.json')).json();
  Object.entries(orders).forEach(([collection, order]) => {
    CMS.registerCustomFormat(`msdz-${collection}`, 'yml', {
      fromFile: (text) => parse(text),
      toFile: (data) => dump(collection, data, order),
    });
  });
  // Decap slugs ä as a; a new record's file name follows the hub's rule instead, unless the editor typed one.
  CMS.registerEventListener({
    name: 'preSave',
    handler: ({ entry }) => {
      const data = entry.get('data');
      if (!entry.get('newRecord')) return data;
      const typed = String(data.get(ID_FIELD) || '').trim();
      return data.set(ID_FIELD, typed || suggestId(String(data.get('title') || '')));
    },
  });
  CMS.init();
}

if (typeof window !== 'undefined' && window.CMS) start();
