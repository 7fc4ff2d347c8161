"""The form's rules for a text field, made from the definitions the check uses.

Each rule is a JavaScript regular expression (without the ``u`` flag, as Decap and the browser
read them) and the German sentence the form shows when a value does not match. They come from the
same places as the check's verdicts, never written out a second time:

- length: the schema's minLength/maxLength, counted in code points as Python counts them (a
  character outside the BMP is one, not two UTF-16 units);
- characters: ``validation.text_rules`` (control, invisible and direction characters, line breaks
  in single-line fields, spaces at the ends, blank texts), scanned from its own patterns;
- the schema's ``pattern``, which JSON Schema writes in JavaScript's syntax already;
- web addresses: a stricter form of ``schemas.web_addresses`` (what it accepts passes the check);
- dates: the day and time must exist, as ``core.dates`` reads them (31 February, hour 25 and an
  offset of +99:00 are refused).

tests/test_form_rules.py runs every rule in node against the check on fuzzed values.
"""

from __future__ import annotations

import functools

from ..core.dates import DATE_KEYS
from ..validation.calendar_rules import FIRST_YEAR, LAST_YEAR
from ..validation.text_rules import forbidden_characters, is_blank

PAIR = r"[\uD800-\uDBFF][\uDC00-\uDFFF]"
# One code point: a surrogate pair as one, never split (else a failing match backtracks through
# every way of splitting the pairs: exponential in the number of emoji).
CODE_POINT = rf"(?:{PAIR}|(?!{PAIR})[\s\S])"
LONE_SURROGATE = r"[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]"
_LEAP_YEAR = r"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
EXISTING_DAY = (
    r"(?:(?!0000)[0-9]{4}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)"
    rf"|(?:0[13578]|1[02])-31)|{_LEAP_YEAR}-02-29)"
)
EXISTING_TIME = r"T(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])?$"
_URL_CHAR = r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})"
_PORT = r"(?::(?:[0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?"
WEB_ADDRESS = rf"^https?://[A-Za-z0-9.-]+{_PORT}(?:[/?#]{_URL_CHAR}*)?$"

Rule = list[str]  # [pattern, message], as the config writes it


def _u(code: int) -> str:
    return f"\\u{code:04X}"


def _ranges(codes: list[int]) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return ranges


def any_of(codes: list[int]) -> str:
    """A JavaScript alternative matching any of ``codes``: one class for the BMP, surrogate pairs
    for the others; lone surrogates only where they are not half of a pair."""
    bmp = [c for c in codes if c < 0x10000 and not 0xD800 <= c <= 0xDFFF]
    parts = []
    if bmp:
        parts.append("[" + "".join(_u(a) if a == b else f"{_u(a)}-{_u(b)}" for a, b in _ranges(bmp)) + "]")
    if any(0xD800 <= c <= 0xDFFF for c in codes):
        parts.append(LONE_SURROGATE)
    for low, high in _ranges([c for c in codes if c >= 0x10000]):
        for lead in range(0xD800 + ((low - 0x10000) >> 10), 0xD800 + ((high - 0x10000) >> 10) + 1):
            first = max(low, 0x10000 + ((lead - 0xD800) << 10))
            last = min(high, 0x10000 + ((lead - 0xD800) << 10) + 0x3FF)
            trail = [0xDC00 + ((first - 0x10000) & 0x3FF), 0xDC00 + ((last - 0x10000) & 0x3FF)]
            parts.append(_u(lead) + (f"[{_u(trail[0])}-{_u(trail[1])}]" if trail[0] != trail[1] else _u(trail[0])))
    return "(?:" + "|".join(parts) + ")"


@functools.lru_cache(maxsize=1)
def _every_character() -> str:
    """Every code point the rules can be about: the BMP, plane 1 and plane 14 (format characters,
    combining marks) and the two non-characters that end each plane. The other planes hold only
    ideographs and private use, which no rule of the check names; scanning them would cost a second
    of every build."""
    planes = [*range(0x20000), *range(0xE0000, 0xF0000)]
    ends = [plane * 0x10000 + low for plane in range(2, 17) for low in (0xFFFE, 0xFFFF) if plane != 14]
    return "".join(map(chr, planes + ends))


@functools.lru_cache(maxsize=2)
def _forbidden(multiline: bool) -> str:
    text = _every_character()
    return any_of(sorted(ord(found.group()) for found in forbidden_characters(multiline).finditer(text)))


@functools.lru_cache(maxsize=1)
def _spaces_and_blanks() -> tuple[str, str]:
    text = _every_character()
    spaces = any_of(sorted(ord(c) for c in text if c.isspace()))
    return spaces, any_of(sorted(ord(c) for c in text if is_blank(c)))


def length_rule(low: int | None, high: int | None) -> Rule | None:
    if low is None and high is None:
        return None
    low = low or 0
    bounds = f"{low},{high}" if high is not None else f"{low},"
    words = f"{low} bis {high} Zeichen" if high is not None else f"mindestens {low} Zeichen"
    if not low:
        words = f"höchstens {high} Zeichen"
    return [rf"^{CODE_POINT}{{{bounds}}}$", f"Bitte {words} eintragen."]


def text_rules(schema: dict, name: str) -> list[Rule]:
    """Every rule the check applies to a text with this (resolved) schema, in the order an editor
    would fix them."""
    multiline = bool(schema.get("x-multiline"))
    spaces, blank = _spaces_and_blanks()
    again = "den Text neu tippen." if multiline else "den Text in einer Zeile neu tippen."
    rules: list[Rule] = [
        [
            rf"^(?![\s\S]*{_forbidden(multiline)})",
            f"Unsichtbare Zeichen oder Steuerzeichen gefunden (oft aus Word oder einer Webseite kopiert); {again}",
        ],
        [rf"^(?!{blank}*$)", "Der Text ist leer; bitte etwas eintragen oder das Feld leeren."],
    ]
    if not multiline:
        rules.append([rf"^(?!{spaces})(?![\s\S]*{spaces}$)", "Bitte Leerzeichen am Anfang und Ende entfernen."])
    found = length_rule(schema.get("minLength"), schema.get("maxLength"))
    if found:
        rules.append(found)
    if schema.get("format") == "uri":
        rules.append([WEB_ADDRESS, _ADDRESS_WORDS])
    if schema.get("pattern"):
        rules.append([schema["pattern"], _pattern_words(schema)])
    if name in DATE_KEYS or schema.get("format") == "date":
        rules.append([rf"^(?:(?![0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}})|{EXISTING_DAY})", "Diesen Tag gibt es nicht."])
        rules.append([r"^(?!0000)", "Das Jahr 0000 gibt es nicht."])
    if name in DATE_KEYS:  # the calendar's rule (validation.calendar_rules): a year far off is a typing error
        rules.append(
            [_years(FIRST_YEAR, LAST_YEAR), f"Das Jahr liegt nicht zwischen {FIRST_YEAR} und {LAST_YEAR}; Tippfehler?"]
        )
        rules.append(
            [rf"^(?:(?![\s\S]*T)|[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}{EXISTING_TIME})", "Diese Uhrzeit gibt es nicht."]
        )
    return rules


_ADDRESS_WORDS = (
    "Vollständige Adresse wie https://www.beispiel.de/seite, ohne Leerzeichen; Umlaute und "
    "Sonderzeichen so, wie der Browser sie beim Kopieren liefert (z. B. %C3%BC)."
)


def _years(first: int, last: int) -> str:
    """A text that does not start with a year, or starts with one from ``first`` to ``last``."""
    years = "|".join(str(year) for year in range(first, last + 1))
    return rf"^(?:(?![0-9]{{4}}(?:-|$))|(?:{years})(?:-|$))"


def _pattern_words(schema: dict) -> str:
    description = (schema.get("description") or schema.get("title") or "").rstrip(".")
    return f"Bitte so schreiben: {description}." if description else "Die Form stimmt nicht."


def combined(rules: list[Rule]) -> str:
    """All rules as one pattern (for Decap's own ``pattern`` option, which takes one)."""
    parts = [
        f"(?={pattern.removeprefix('^')})" if pattern.startswith("^") else f"(?=[\\s\\S]*?{pattern})"
        for pattern, _ in rules
    ]
    return "^" + "".join(parts)
