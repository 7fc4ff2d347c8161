"""Archived copies of sources, from the Internet Archive's Wayback Machine.

Two calls: the availability API (is there a copy, and from when?) and Save Page Now (please take
one). Both are called by the scheduled source check only, never by the build. The base addresses
come from the environment so that tests point them at a local stand-in.
"""

from __future__ import annotations

import datetime as dt
import os
import urllib.parse

import requests

from ..core.source_status import Snapshot

AVAILABILITY_API = "https://archive.org/wayback/available"
SAVE_PAGE_NOW = "https://web.archive.org/save/"


class WebArchive:
    def __init__(self, session: requests.Session, timeout: float = 30.0):
        self.session = session
        self.timeout = timeout
        self.availability = os.environ.get("WEB_ARCHIVE_AVAILABILITY_URL", AVAILABILITY_API)
        self.save_url = os.environ.get("WEB_ARCHIVE_SAVE_URL", SAVE_PAGE_NOW)

    def latest_copy(self, url: str) -> Snapshot | None:
        """The newest copy the archive holds that was a real page (status 200), or None."""
        try:
            response = self.session.get(self.availability, params={"url": url}, timeout=self.timeout)
            closest = response.json().get("archived_snapshots", {}).get("closest") or {}
        except (requests.RequestException, ValueError, AttributeError):
            return None
        if not closest.get("available") or str(closest.get("status")) != "200":
            return None
        return _snapshot(str(closest.get("url", "")), str(closest.get("timestamp", "")))

    def request_copy(self, url: str) -> bool:
        """Ask the archive to take a copy now; True when it accepted the request."""
        try:
            response = self.session.get(self.save_url + url, timeout=self.timeout)
        except requests.RequestException:
            return False
        return response.status_code < 400


def _snapshot(url: str, timestamp: str) -> Snapshot | None:
    """Only https copies on the archive's own pages are linked; the date comes from the timestamp."""
    try:
        taken = dt.datetime.strptime(timestamp[:8], "%Y%m%d").date()
    except ValueError:
        return None
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return Snapshot(url=urllib.parse.urlunsplit(("https", *parts[1:])), taken=taken.isoformat())
