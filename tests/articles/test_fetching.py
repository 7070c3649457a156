from __future__ import annotations

import ipaddress
import socket
import time

import pytest

from articles import fetching
from articles.fetching import PermanentFetchError, TransientFetchError, fetch

from .conftest import ARTICLE_HTML


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.org/a.txt",
        "gopher://example.org/1",
        "javascript:alert(1)",
        "example.org",
    ],
)
def test_it_refuses_schemes_other_than_http_and_https(ingest_settings, url):
    with pytest.raises(PermanentFetchError, match="Only http:// and https://"):
        fetch(url)


@pytest.mark.parametrize(
    "url, reason",
    [
        ("http://127.0.0.1/", "loopback"),
        ("http://127.0.0.1:8000/admin/", "loopback"),
        ("http://[::1]/", "loopback"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://10.0.0.1/", "private"),
        ("http://192.168.1.1/", "private"),
        ("http://172.16.0.1/", "private"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://[::]/", "unspecified"),
        ("http://224.0.0.1/", "multicast"),
        ("http://240.0.0.1/", "reserved"),
        ("http://100.64.0.1/", "not a public"),
        ("http://2130706433/", "loopback"),  # decimal 127.0.0.1
        ("http://0177.0.0.1/", "loopback"),  # octal
        ("http://0x7f.1/", "loopback"),  # hex, short form
        ("http://017700000001/", "loopback"),  # octal, one number
        ("http://[::ffff:127.0.0.1]/", "loopback"),  # IPv4-mapped IPv6
        ("http://[::ffff:a9fe:a9fe]/", "link-local"),  # 169.254.169.254, mapped
        ("http://[fe80::1]/", "link-local"),
        ("http://[fc00::1]/", "private"),
        ("http://[64:ff9b::a00:1]/", "private"),  # NAT64 of 10.0.0.1
        ("http://[2002:7f00:1::]/", "loopback"),  # 6to4 of 127.0.0.1
    ],
)
def test_it_refuses_non_public_addresses_before_connecting(
    ingest_settings, monkeypatch, url, reason
):
    def no_connect(*args, **kwargs):
        raise AssertionError("connected although the address is refused")

    monkeypatch.setattr(socket, "create_connection", no_connect)
    with pytest.raises(PermanentFetchError, match=reason) as caught:
        fetch(url)
    assert "Refused to fetch" in str(caught.value)


def test_it_refuses_a_host_name_that_resolves_to_a_private_address(ingest_settings, fake_dns):
    fake_dns["intranet.example"] = ["10.1.2.3"]
    with pytest.raises(PermanentFetchError, match="intranet.example points to a non-public"):
        fetch("https://intranet.example/report")


def test_it_refuses_a_name_with_any_private_answer(ingest_settings, fake_dns):
    fake_dns["mixed.example"] = ["93.184.216.34", "127.0.0.1"]
    with pytest.raises(PermanentFetchError, match="loopback"):
        fetch("http://mixed.example/")


def test_an_unresolvable_name_is_transient(ingest_settings, fake_dns):
    with pytest.raises(TransientFetchError, match="resolve"):
        fetch("http://nowhere.example/")


def test_address_problem_accepts_public_addresses():
    assert fetching.address_problem(ipaddress.ip_address("93.184.216.34")) is None
    assert fetching.address_problem(ipaddress.ip_address("2606:2800:220:1::1")) is None


def test_it_fetches_from_an_allowed_host(server):
    server.serve("/article", ARTICLE_HTML)
    result = fetch(server.url("/article"))
    assert result.status == 200
    assert result.body == ARTICLE_HTML
    assert result.content_type == "text/html"
    assert result.charset == "utf-8"


def test_it_connects_to_the_checked_address_and_sends_the_name(
    server, fake_dns, monkeypatch, ingest_settings
):
    fake_dns["public.example"] = ["127.0.0.1"]
    ingest_settings.INGEST_ALLOWED_HOSTS = ["public.example"]
    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        # A second lookup of the name could return a different, unchecked address.
        assert host != "public.example", "the name was resolved a second time"
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    server.serve("/a", b"<p>hello</p>")
    fetch(server.url("/a", host="public.example"))
    assert fake_dns.lookups == ["public.example"]
    assert server.requests[-1]["headers"]["host"] == f"public.example:{server.port}"


def test_https_goes_to_the_checked_address_and_verifies_the_name(
    tls_server, fake_dns, ingest_settings
):
    # The connection goes to 127.0.0.1, yet TLS sends and verifies the name (SNI), so the
    # certificate for public.example is accepted.
    fake_dns["public.example"] = ["127.0.0.1"]
    ingest_settings.INGEST_ALLOWED_HOSTS = ["public.example"]
    tls_server.serve("/secure", b"<p>secure</p>")
    result = fetch(tls_server.url("/secure", host="public.example"))
    assert result.body == b"<p>secure</p>"


def test_a_certificate_for_another_name_is_refused(tls_server, fake_dns, ingest_settings):
    fake_dns["other.example"] = ["127.0.0.1"]
    ingest_settings.INGEST_ALLOWED_HOSTS = ["other.example"]
    tls_server.serve("/secure", b"<p>secure</p>")
    with pytest.raises(PermanentFetchError, match="invalid TLS certificate"):
        fetch(tls_server.url("/secure", host="other.example"))


@pytest.mark.parametrize(
    "location, reason",
    [
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://127.0.0.1/admin/", "loopback"),
        ("http://evil.example/", "private"),
        ("file:///etc/passwd", "Only http"),
    ],
)
def test_it_checks_every_redirect(server, fake_dns, ingest_settings, location, reason):
    fake_dns["public.example"] = ["127.0.0.1"]
    fake_dns["evil.example"] = ["10.0.0.5"]
    ingest_settings.INGEST_ALLOWED_HOSTS = ["public.example"]
    server.redirect("/start", location)
    with pytest.raises(PermanentFetchError, match=reason):
        fetch(server.url("/start", host="public.example"))


def test_it_follows_up_to_five_redirects(server):
    for n in range(5):
        server.redirect(f"/r{n}", f"/r{n + 1}")
    server.serve("/r5", b"<p>arrived</p>")
    result = fetch(server.url("/r0"))
    assert result.body == b"<p>arrived</p>"
    assert result.url.endswith("/r5")


def test_it_refuses_a_sixth_redirect(server):
    for n in range(6):
        server.redirect(f"/r{n}", f"/r{n + 1}")
    server.serve("/r6", b"<p>too far</p>")
    with pytest.raises(PermanentFetchError, match="more than 5 times"):
        fetch(server.url("/r0"))


def test_a_server_that_never_answers_times_out(server):
    server.never_answer("/slow")
    started = time.monotonic()
    with pytest.raises(TransientFetchError, match="did not answer in time"):
        fetch(server.url("/slow"))
    assert time.monotonic() - started < 2


def test_an_endless_body_stops_at_the_cap(server):
    server.endless("/endless")
    started = time.monotonic()
    with pytest.raises(PermanentFetchError, match="limit; stopped reading"):
        fetch(server.url("/endless"))
    assert time.monotonic() - started < 2


def test_a_slow_drip_stops_at_the_total_deadline(server, ingest_settings):
    ingest_settings.INGEST_TOTAL_TIMEOUT = 0.5
    ingest_settings.INGEST_MAX_BYTES = 100 * 1024 * 1024
    server.endless("/drip", delay=0.05)
    with pytest.raises(TransientFetchError, match="longer than 0.5 s"):
        fetch(server.url("/drip"))


def test_a_declared_length_over_the_cap_is_refused_without_reading(server, ingest_settings):
    server.serve("/big", b"x" * (ingest_settings.INGEST_MAX_BYTES + 1))
    with pytest.raises(PermanentFetchError, match="over the 0.2 MB limit"):
        fetch(server.url("/big"))


@pytest.mark.parametrize("content_type", ["application/pdf", "image/png", "application/json"])
def test_it_refuses_other_content_types(server, content_type):
    server.serve("/file", b"%PDF-1.4", content_type=content_type)
    with pytest.raises(PermanentFetchError, match=f"serves {content_type}"):
        fetch(server.url("/file"))


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors_are_transient(server, status):
    server.serve("/down", b"", status=status)
    with pytest.raises(TransientFetchError, match=f"answered {status}"):
        fetch(server.url("/down"))


def test_too_many_requests_is_transient_with_retry_after(server):
    server.serve("/busy", b"", status=429, headers={"Retry-After": "7"})
    with pytest.raises(TransientFetchError) as caught:
        fetch(server.url("/busy"))
    assert caught.value.retry_after == 7


def test_not_found_is_permanent(server):
    with pytest.raises(PermanentFetchError, match="404"):
        fetch(server.url("/missing"))


def test_retry_after_may_be_an_http_date():
    assert fetching.parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0
    assert fetching.parse_retry_after("120") == 120
    assert fetching.parse_retry_after("soon") is None


def test_it_sends_validators_and_reports_not_modified(server):
    def handler(request):
        if request.headers.get("If-None-Match") == '"v1"':
            request.send_response(304)
            request.end_headers()
            return
        request.send_response(200)
        request.send_header("ETag", '"v1"')
        request.send_header("Content-Type", "application/rss+xml")
        request.send_header("Content-Length", "6")
        request.end_headers()
        request.wfile.write(b"<rss/>")

    server.route("/feed", handler)
    first = fetch(server.url("/feed"), accept=fetching.FEED_TYPES)
    assert first.etag == '"v1"' and not first.not_modified
    second = fetch(server.url("/feed"), accept=fetching.FEED_TYPES, etag=first.etag)
    assert second.not_modified
