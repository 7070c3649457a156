from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from articles.extraction import ExtractionError, decode, extract_html, extract_text

from .conftest import ARTICLE_HTML

SEED = Path("/work/shared/corpus/seed/articles/seed-blinken-strike-restrictions.txt")
HEADER = (
    b"url: https://news.example/a\noutlet: News Example\npublished: 2024-05-29\ntitle: A title\n\n"
)


@pytest.fixture(autouse=True)
def _limits(ingest_settings):
    pass


def test_header_lines_become_metadata_and_the_body_is_kept_exactly():
    body = "  Indented first line.\r\n\nSecond paragraph, kept as is.  \n\n\n"
    extracted = extract_text(HEADER + body.encode())
    assert extracted.text == body
    assert extracted.title == "A title"
    assert extracted.outlet == "News Example"
    assert extracted.published_date == dt.date(2024, 5, 29)
    assert extracted.url == extracted.canonical_url == "https://news.example/a"


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed corpus is not here")
def test_the_seed_article_body_is_the_file_after_its_header(ingest_settings):
    ingest_settings.INGEST_MAX_BYTES = 10 * 1024 * 1024
    raw = SEED.read_bytes()
    extracted = extract_text(raw)
    assert extracted.text == raw.decode("utf-8").split("\n\n", 1)[1]
    assert extracted.outlet == "Daily Mail"


def test_published_unknown_means_no_date():
    extracted = extract_text(b"title: T\npublished: unknown\n\nBody.")
    assert extracted.published_date is None
    assert extracted.text == "Body."


@pytest.mark.parametrize(
    "raw",
    [
        b"Just text: with a colon\n\nand more.",  # not a header key
        b"title: no blank line follows\nBody starts here.",
        b"\ntitle: after a blank line\n\nBody.",
    ],
)
def test_text_without_a_proper_header_is_all_body(raw):
    assert extract_text(raw).text == raw.decode()


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"", "The input is empty"),
        (b"   \n\t \r\n  ", "only whitespace"),
        (b"title: Only a header\n\n   \n", "only whitespace"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (os.urandom(4096), "binary data|is a|not valid"),
        (b"Caf\xc3\xa9 is fine but \xff\xfe\xfd is not", "not valid UTF-8"),
    ],
)
def test_bad_text_input_is_refused_with_a_reason(raw, message):
    with pytest.raises(ExtractionError, match=message):
        extract_text(raw)


def test_input_over_the_size_limit_is_refused(ingest_settings):
    ingest_settings.INGEST_MAX_BYTES = 10 * 1024 * 1024
    huge = b"<html><body>" + b"<p>words words words</p>" * (50 * 1024 * 1024 // 24) + b"</body>"
    with pytest.raises(ExtractionError, match=r"is 50\.0 MB, over the 10\.0 MB limit"):
        extract_html(huge)


def test_ten_thousand_nested_tags_fail_cleanly():
    deep = b"<html><body>" + b"<div>" * 10_000 + b"<p>deep</p>" + b"</div>" * 10_000
    with pytest.raises(ExtractionError, match="more than 200 levels deep"):
        extract_html(deep)


def test_declared_utf8_that_is_not_utf8_is_refused():
    with pytest.raises(ExtractionError, match="says it is utf-8 but is not valid"):
        extract_text(b"Caf\xe9 au lait", declared_charset="utf-8")


def test_undeclared_windows_1252_is_decoded():
    raw = "\u201cWe will not change course,\u201d she said \u2013 caf\u00e9.".encode("cp1252")
    assert (
        extract_text(raw).text
        == "\u201cWe will not change course,\u201d she said \u2013 caf\u00e9."
    )


def test_latin1_label_is_read_as_windows_1252_like_browsers_do():
    assert (
        decode(b"\x93quoted\x94 and \xe9", declared="ISO-8859-1") == "\u201cquoted\u201d and \u00e9"
    )


def test_a_declared_charset_wins():
    raw = "Привет, как дела? Это тест текста.".encode("cp1251")
    assert decode(raw, declared="windows-1251") == "Привет, как дела? Это тест текста."


def test_utf16_with_a_byte_order_mark_is_text():
    raw = "Hello from UTF-16, with accents: é.".encode("utf-16")  # with a BOM
    assert extract_text(raw).text == "Hello from UTF-16, with accents: é."


def test_text_is_normalised_to_nfc():
    assert extract_text("Cafe\u0301 society".encode()).text == "Caf\u00e9 society"


def test_html_gives_text_and_metadata():
    extracted = extract_html(ARTICLE_HTML, url="https://daily.example/x")
    assert "We will not change course" in extracted.text
    assert "Home | World" not in extracted.text
    assert extracted.title == "Minister rules out change"
    assert extracted.byline == "Jane Reporter"
    assert extracted.outlet == "The Daily Example"
    assert extracted.published_date == dt.date(2024, 5, 29)
    assert extracted.canonical_url.startswith(
        "https://daily.example/news/minister-rules-out-change"
    )
    assert extracted.language == "en"


def test_scripts_are_never_kept():
    extracted = extract_html(ARTICLE_HTML)
    for kept in (extracted.text, extracted.raw_sanitised, extracted.title):
        assert "alert" not in kept
        assert "hacked" not in kept
        assert "<script" not in kept


def test_html_meta_charset_is_honoured():
    html = (
        '<html><head><meta charset="windows-1252"><title>T</title></head><body><article><p>'
        + "\u201cNo,\u201d said the caf\u00e9 owner, who had heard enough of the plan. " * 5
        + "</p></article></body></html>"
    ).encode("cp1252")
    assert "\u201cNo,\u201d said the caf\u00e9 owner" in extract_html(html).text


def test_html_without_article_text_is_refused():
    with pytest.raises(ExtractionError, match="No article text"):
        extract_html(
            b"<html><head><title>Nothing</title></head><body><script>x()</script></body></html>"
        )


def test_xhtml_with_an_xml_declaration_is_read():
    xhtml = (
        b'<?xml version="1.0" encoding="iso-8859-1"?>\n'
        b'<html xmlns="http://www.w3.org/1999/xhtml"><head><title>X</title></head><body>'
        b"<article><p>The caf\xe9 owner said the plan would not work, and said so twice.</p>"
        b"</article></body></html>"
    )
    assert "The caf\u00e9 owner said" in extract_html(xhtml).text
