"""Bytes in, article text and metadata out. No network, no database.

Every refusal is an ExtractionError whose message tells the person who sent the input
what was wrong with it, because it ends up on the job page as it is.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

import charset_normalizer
import lxml.etree
import lxml.html
import nh3
import trafilatura
from django.conf import settings

# libxml2 stops building the tree at 256 levels; a page that deep is not an article, and
# what trafilatura would make of the truncated tree is not worth guessing.
MAX_DEPTH = 200

# Header keys of the evaluation-corpus text format (DESIGN §5), plus two we also honour.
HEADER_KEYS = frozenset({"url", "outlet", "published", "title", "byline", "language"})
_HEADER_LINE = re.compile(r"^([a-z_]+):[ \t]*(.*?)[ \t]*$")

_SIGNATURES = [
    (b"%PDF", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/Excel file)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file"),
    (b"\x7fELF", "a program"),
    (b"RIFF", "a media file"),
]
_BOMS = [
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
# Control characters that do not occur in text (tab, newlines, form feed and escape do).
_CONTROL_BYTES = frozenset(set(range(32)) - {9, 10, 12, 13, 27}) | {127}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# A lead byte followed by the right number of continuation bytes.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


class ExtractionError(ValueError):
    """The input cannot become an article; the message says why, for a person."""


@dataclass
class Extracted:
    text: str
    title: str = ""
    byline: str = ""
    published_date: dt.date | None = None
    outlet: str = ""
    url: str = ""
    canonical_url: str = ""
    language: str = ""
    raw_sanitised: str = ""


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def check_payload(data: bytes) -> None:
    """Refuse input that is empty, too large or not text at all."""
    limit = settings.INGEST_MAX_BYTES
    if len(data) > limit:
        raise ExtractionError(
            f"The input is {_megabytes(len(data))}, over the {_megabytes(limit)} limit."
        )
    if not data:
        raise ExtractionError("The input is empty.")
    for signature, name in _SIGNATURES:
        if data.startswith(signature):
            raise ExtractionError(
                f"This is {name}, not text or HTML. Save the article as text or HTML and try again."
            )
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return  # UTF-16/32 text has NUL bytes by design
    sample = data[:8192]
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    if b"\x00" in sample or controls > len(sample) * 0.02:
        raise ExtractionError(
            "This looks like binary data, not text or HTML. Only .html, .htm and .txt "
            "content can be ingested."
        )


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None
    # Browsers read these labels as windows-1252 (WHATWG Encoding), and so do we: pages
    # that say latin-1 routinely use its curly quotes and dashes.
    if codec in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    return codec


def _decode_cp1252(data: bytes) -> str:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # The five bytes cp1252 leaves undefined are C1 controls in latin-1.
        return data.decode("latin-1")


def decode(data: bytes, *, declared: str | None = None) -> str:
    """Bytes to str: BOM, then the declared charset, then UTF-8, then a careful guess."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise ExtractionError(
                    f"The input starts with a {encoding} byte-order mark but is not valid "
                    f"{encoding} (at byte {exc.start})."
                ) from exc
    codec = _codec(declared)
    if codec == "cp1252":
        return _decode_cp1252(data)
    if codec is not None:
        try:
            return data.decode(codec)
        except UnicodeDecodeError as exc:
            raise ExtractionError(
                f"The input says it is {declared} but is not valid {declared} (bad byte "
                f"0x{data[exc.start]:02x} at position {exc.start}). Save it again as UTF-8."
            ) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if _UTF8_MULTIBYTE.search(data):
            # Real UTF-8 characters next to bytes that are not: a damaged file, not a
            # legacy encoding. Guessing would silently garble the text.
            raise ExtractionError(
                f"The input is not valid UTF-8 (bad byte 0x{data[exc.start]:02x} at "
                f"position {exc.start}) although parts of it are. Save it again as UTF-8."
            ) from exc
    return _guess_legacy(data)


def _guess_legacy(data: bytes) -> str:
    results = list(charset_normalizer.from_bytes(data))
    if not results:
        return _decode_cp1252(data)
    best_chaos = min(result.chaos for result in results)
    # On short texts the detector cannot tell the Western code pages apart and may pick
    # an exotic one (cp775); windows-1252 is by far the most likely when it fits as well.
    for result in results:
        if "cp1252" in result.could_be_from_charset and result.chaos <= best_chaos + 0.01:
            return _decode_cp1252(data)
    return str(results[0])


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _require_text(text: str) -> None:
    if not text:
        raise ExtractionError("The input is empty.")
    if not text.strip():
        raise ExtractionError("The input contains only whitespace; there is no text to ingest.")


def _parse_date(value: str) -> dt.date | None:
    value = (value or "").strip()
    if not value or value.lower() == "unknown":
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


# --- Plain text ---------------------------------------------------------------------------


def parse_corpus_header(text: str) -> tuple[dict[str, str], str]:
    """Split the DESIGN §5 header ("key: value" lines, then one blank line) from the body.

    The body is returned exactly as it stands after the blank line, because statement
    offsets (and the evaluation corpus's gold spans) point into it.
    """
    meta: dict[str, str] = {}
    position = 0
    while True:
        end = text.find("\n", position)
        if end == -1:
            return {}, text  # header lines but no body: treat it all as text
        line = text[position:end].rstrip("\r")
        if line == "":
            if not meta:
                return {}, text
            return meta, text[end + 1 :]
        match = _HEADER_LINE.match(line)
        if not match or match.group(1) not in HEADER_KEYS:
            return {}, text
        meta[match.group(1)] = match.group(2)
        position = end + 1


def extract_text(data: bytes, *, declared_charset: str | None = None) -> Extracted:
    check_payload(data)
    text = _normalise(decode(data, declared=declared_charset))
    _require_text(text)
    meta, body = parse_corpus_header(text)
    _require_text(body)
    return Extracted(
        text=body,
        title=meta.get("title", "")[:500],
        byline=meta.get("byline", "")[:500],
        published_date=_parse_date(meta.get("published", "")),
        outlet=meta.get("outlet", "")[:200],
        url=meta.get("url", ""),
        canonical_url=meta.get("url", ""),
        language=meta.get("language", "")[:12],
        raw_sanitised=text,
    )


# --- HTML ---------------------------------------------------------------------------------


def _tree_depth(root) -> int:
    # Iterative on purpose: recursion on a hostile tree is how workers die.
    deepest = 0
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in element)
    return deepest


def extract_html(data: bytes, *, declared_charset: str | None = None, url: str = "") -> Extracted:
    check_payload(data)
    if declared_charset is None:
        match = _XML_ENCODING.match(data) or _META_CHARSET.search(data[:4096])
        declared_charset = match.group(1).decode("ascii") if match else None
    html = _normalise(decode(data, declared=declared_charset))
    _require_text(html)
    try:
        # lxml refuses a str that still carries an XML encoding declaration (XHTML pages);
        # the bytes are decoded already, so the declaration has done its job.
        tree = lxml.html.document_fromstring(_XML_DECLARATION.sub("", html, count=1))
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ExtractionError(f"The HTML could not be parsed ({exc}).") from exc
    depth = _tree_depth(tree)
    if depth >= MAX_DEPTH:
        raise ExtractionError(
            f"The HTML nests tags more than {MAX_DEPTH} levels deep, which no article page "
            "does; it was not processed."
        )
    language = (tree.get("lang") or "").split("-")[0][:12]
    document = trafilatura.bare_extraction(
        tree,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = _normalise(document.text or "").strip() if document is not None else ""
    if not text:
        raise ExtractionError(
            "No article text was found in this HTML (it may be an index page, a login "
            "wall or a page that needs JavaScript)."
        )
    return Extracted(
        text=text,
        title=(document.title or "")[:500],
        byline=(document.author or "")[:500],
        published_date=_parse_date(document.date or ""),
        outlet=(document.sitename or "")[:200],
        url=url,
        canonical_url=document.url or url,
        language=language or (document.language or "")[:12],
        # Kept for the record; nh3 drops scripts, styles and event handlers.
        raw_sanitised=nh3.clean(html),
    )
