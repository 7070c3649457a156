"""RSS/Atom bytes to entries. No network: the bytes come from articles.fetching.

feedparser is lenient and its XML backend would expand entities, so the bytes first pass
through defusedxml, which refuses entity declarations (billion laughs, external
entities) and malformed XML before feedparser sees them.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from xml.etree.ElementTree import ParseError

import defusedxml
import defusedxml.ElementTree
import feedparser


class FeedError(ValueError):
    """The feed cannot be read; the message says why, for a person."""


@dataclass(frozen=True)
class FeedItem:
    key: str  # sha256 of the entry's id or link
    url: str
    title: str


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    items: list[FeedItem]


def _local_name(tag) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def check_xml(body: bytes, *, max_entries: int) -> int:
    """Refuse unsafe or malformed XML and oversized feeds; return the number of entries."""
    if not body.strip():
        raise FeedError("The feed is empty.")
    try:
        root = defusedxml.ElementTree.fromstring(
            body, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except defusedxml.EntitiesForbidden as exc:
        raise FeedError(
            "The feed declares XML entities, which are refused because they can be used "
            "to exhaust memory (entity expansion) or read local files."
        ) from exc
    except defusedxml.DefusedXmlException as exc:
        raise FeedError(f"The feed uses a forbidden XML feature ({exc}).") from exc
    except ParseError as exc:
        raise FeedError(f"The feed is not well-formed XML ({exc}).") from exc
    if _local_name(root.tag) not in ("rss", "feed", "rdf"):
        raise FeedError(
            f"This is XML but not an RSS or Atom feed (its root element is <{root.tag}>)."
        )
    count = sum(1 for element in root.iter() if _local_name(element.tag) in ("item", "entry"))
    if count > max_entries:
        raise FeedError(
            f"The feed lists {count:,} entries, more than the {max_entries:,} accepted; "
            "it is probably not a news feed."
        )
    return count


def parse_feed(body: bytes, *, max_entries: int) -> ParsedFeed:
    check_xml(body, max_entries=max_entries)
    # A stream, never bytes or str: feedparser treats a string as a URL or a file name.
    parsed = feedparser.parse(io.BytesIO(body), sanitize_html=False, resolve_relative_uris=False)
    items = []
    seen = set()
    for entry in parsed.entries:
        url = (entry.get("link") or "").strip()
        if not url.lower().startswith(("http://", "https://")):
            continue
        identity = (entry.get("id") or url).strip()
        key = hashlib.sha256(identity.encode("utf-8")).hexdigest()
        if key in seen:
            continue
        seen.add(key)
        items.append(FeedItem(key=key, url=url[:2000], title=(entry.get("title") or "")[:500]))
    return ParsedFeed(title=(parsed.feed.get("title") or "")[:300], items=items)
