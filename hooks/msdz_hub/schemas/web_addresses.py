"""What the hub takes for a web address: the JSON Schema format "uri", checked the same way by
jsonschema and by the compiled validator (``compiled``)."""

from __future__ import annotations

import re
import urllib.parse

_HOST = re.compile(r"[A-Za-z0-9.-]+")  # a name a browser can look up (IDN hosts come as xn--…)
_URL_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")  # RFC 3986, nothing else
# The common address in one step: http(s), a plain host (no port, user or brackets), then RFC 3986
# characters without '%'. Whatever it matches passes every rule of is_web_address; keep it so.
PLAIN_WEB_ADDRESS = re.compile(r"https?://[A-Za-z0-9.-]+(?:[/?#][A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]*)?")


def is_web_address(value: object) -> bool:
    """An http(s) address with a host and no user name, written only with characters URLs allow."""
    if not isinstance(value, str):
        return True  # the type is the schema's business
    if PLAIN_WEB_ADDRESS.fullmatch(value):
        return True
    try:
        parts = urllib.parse.urlsplit(value)
        _ = parts.port  # raises ValueError for a port that is not a number
    except ValueError:
        return False
    return (
        parts.scheme in ("http", "https")
        and bool(parts.hostname)
        and _HOST.fullmatch(parts.hostname or "") is not None
        and "@" not in parts.netloc
        and _URL_CHARACTERS.fullmatch(value) is not None
        and not re.search(r"%(?![0-9A-Fa-f]{2})", value)
    )
