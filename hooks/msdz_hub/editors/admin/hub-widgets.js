// The hub's own form widgets (hooks/msdz_hub/editors/form_fields.py names them in the config):
// - hub-text:   a text with the check's rules (form_rules.py), one German message per rule;
// - hub-date:   a calendar day, no „UTC“, a „Heute“ button named after its field;
// - hub-moment: a day and, if known, a time, in Berlin's local time, kept as the schema writes it;
// - hub-number: a number typed as text and converted exactly once it is complete (21.000 -> 21000),
//               never per keystroke (Decap's number widget saved 21 for 21.000: decap-cms#4808);
// - hub-id:     the record's id: its preview while new, the id itself once it exists.
// The rule checks are plain functions, exported for tests/test_form_rules.py (node).

export const BERLIN = 'Europe/Berlin';

export function isEmpty(value) {
  return value === undefined || value === null || value === '';
}

// The first rule ``text`` breaks, as its German message; null if it keeps them all.
export function brokenRule(text, rules) {
  for (const [pattern, message] of rules) {
    if (!new RegExp(pattern).test(text)) return message;
  }
  return null;
}

// 21.000 / 21000 / 21 000 -> 21000 for whole numbers; 52,41 / 52.41 -> 52.41 otherwise; else null.
export function exactNumber(text, valueType) {
  const typed = String(text).trim();
  if (valueType === 'int') {
    const grouped = /^[1-9][0-9]{0,2}(?:([.\u00a0\u202f ])[0-9]{3})?(?:\1[0-9]{3})*$/.test(typed);
    if (!/^(?:0|[1-9][0-9]*)$/.test(typed) && !grouped) return null;
    const number = Number(typed.replace(/[.\u00a0\u202f ]/g, ''));
    return Number.isSafeInteger(number) ? number : null;
  }
  if (!/^-?(?:0|[1-9][0-9]*)(?:[.,][0-9]+)?$/.test(typed)) return null;
  const number = Number(typed.replace(',', '.'));
  return Number.isFinite(number) ? number : null;
}

function berlinOffsetMinutes(utcMillis) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: BERLIN, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(utcMillis)).map((p) => [p.type, p.value]));
  const wall = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return Math.round((wall - utcMillis) / 60000);
}

// A moment as the file writes it -> milliseconds; without an offset it is Berlin's local time.
export function instant(text) {
  const found = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$/.exec(text);
  if (!found) return null;
  const [, y, mo, d, h, mi, s, zone] = found;
  const wall = Date.UTC(+y, +mo - 1, +d, +h, +mi, +(s || 0));
  if (zone) {
    const sign = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1);
    return wall - sign * (+zone.slice(1, 3) * 60 + +zone.slice(4, 6)) * 60000;
  }
  return wall - berlinOffsetMinutes(wall - berlinOffsetMinutes(wall) * 60000) * 60000;
}

// The day and time a moment has in Berlin: {day: 'JJJJ-MM-TT', time: 'hh:mm' or ''}.
export function berlinWall(text) {
  const value = String(text || '');
  if (!value.includes('T') || !/(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    const [day, time = ''] = value.split('T');
    return { day, time: time.slice(0, 5) };
  }
  const moment = instant(value);
  if (moment === null) return { day: value.slice(0, 10), time: value.slice(11, 16) };
  const shifted = new Date(moment + berlinOffsetMinutes(moment) * 60000).toISOString();
  return { day: shifted.slice(0, 10), time: shifted.slice(11, 16) };
}

// The check's rule "the end lies not before the start" (hooks/msdz_hub/validation): both with a
// time, the instants; else the days, compared as far as both are given.
export function endsBeforeStart(start, end) {
  if (isEmpty(start) || isEmpty(end)) return false;
  const a = String(start);
  const b = String(end);
  if (a.includes('T') && b.includes('T')) {
    const [from, to] = [instant(a), instant(b)];
    return from !== null && to !== null && to < from;
  }
  return b.slice(0, a.length) < a.slice(0, b.length);
}

// hooks/msdz_hub/validation/calendar_rules.py: a calendar program wants both with a time or both
// whole days, and an end later than the start.
export function calendarPair(start, end) {
  if (!start || !end) return null;
  if (start.includes('T') !== end.includes('T')) {
    return 'Beginn und Ende beide mit Uhrzeit oder beide ohne angeben (ganzer Tag); Kalender lehnen die Mischung ab.';
  }
  const [from, to] = start.includes('T') ? [instant(start), instant(end)] : [start, end];
  if (from !== null && from === to) return 'Das Ende ist gleich dem Beginn: einen späteren Zeitpunkt angeben oder das Ende leer lassen.';
  return null;
}

export function todayInBerlin() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: BERLIN }).format(new Date());
}

function problem(message) {
  return { error: { type: 'CUSTOM', message } };
}

// What the hub's widgets check beyond Decap: the rules, the pair of start and end, and fields
// that an optional group needs once anything in it is filled in.
export function validity(value, field, data) {
  const path = field.path || null;
  if (isEmpty(value)) {
    if (field.required_with_siblings && path) {
      const group = path.slice(0, -1).reduce((obj, key) => (obj ? obj[key] : undefined), data) || {};
      if (Object.entries(group).some(([key, v]) => key !== path[path.length - 1] && !isEmpty(v))) {
        return problem(`${field.label} ist nötig, sobald etwas anderes in dieser Gruppe ausgefüllt ist.`);
      }
    }
    return true;
  }
  const broken = field.rules ? brokenRule(String(value), field.rules) : null;
  if (broken) return problem(broken);
  if (field.not_before) {
    const start = field.not_before.path.reduce((obj, key) => (obj ? obj[key] : undefined), data);
    if (endsBeforeStart(start, value)) {
      return problem(`${field.label} liegt vor dem Beginn (${start}); bitte prüfen.`);
    }
    const calendarProblem = field.not_before.calendar ? calendarPair(String(start ?? ''), String(value)) : null;
    if (calendarProblem) return problem(calendarProblem);
  }
  if (typeof value === 'number') {
    if (field.min !== undefined && value < field.min) return problem(`Erlaubt ist ${field.min} oder mehr.`);
    if (field.max !== undefined && value > field.max) return problem(`Erlaubt ist höchstens ${field.max}.`);
  }
  return true;
}
