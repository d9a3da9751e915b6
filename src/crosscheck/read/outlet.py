"""Which outlet published an article, from what the input says about it."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Second-level labels under which outlets register names ("the-sun.co.uk",
# "abc.net.au"); keeping three labels there makes "co.uk" never an outlet.
_SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "edu", "news"}
_ARCHIVE_HOSTS = {"web.archive.org", "archive.org"}
_WAYBACK_PATH = re.compile(r"^/web/[0-9a-z_*]+/(?P<inner>.+)$", re.IGNORECASE)


def outlet_from_url(url: str | None) -> str | None:
    """The registered-domain-like host of a URL ("www.bbc.co.uk/x" -> "bbc.co.uk")."""
    host = _host(_unwrap_archive(url)) if url else None
    if not host:
        return None
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def choose_outlet(
    override: str | None, given: str | None, url: str | None, sitename: str | None = None
) -> str | None:
    """The override, else the outlet the input names, else the URL's domain, else the site name."""
    for candidate in (override, given, outlet_from_url(url), sitename):
        if candidate and candidate.strip():
            return candidate.strip()
    return None


def _unwrap_archive(url: str) -> str:
    """A Wayback Machine copy is the original outlet's page, not archive.org's."""
    parts = urlsplit(url if "//" in url else f"//{url}")
    match = _WAYBACK_PATH.match(parts.path)
    if (parts.hostname or "").lower() in _ARCHIVE_HOSTS and match:
        return match["inner"]
    return url


def _host(url: str) -> str | None:
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:  # a malformed port or bracket: no usable host
        return None
    if not host or "." not in host:
        return None
    return host.lower().removeprefix("www.")
