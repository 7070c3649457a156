"""The only code in the project that opens a connection to a URL a user gave us.

A URL from a user or a feed may point anywhere, including at our own network (the cloud
metadata service at 169.254.169.254, a database on 10.0.0.5, the admin on localhost). So:

- only http and https;
- the host name is resolved here, once, and every address it resolves to must be public;
  we then connect to that checked address (the Host header and TLS SNI carry the name),
  so a DNS answer that changes between the check and the connection cannot slip through;
- redirects are followed by hand, at most MAX_REDIRECTS, each target checked the same way;
- connect and read timeouts, a total deadline, a streamed body cap, and an allow-list of
  content types.

settings.INGEST_ALLOWED_HOSTS names hosts that skip the address check (tests use it to
reach their loopback server); it is empty in production.

Errors are typed so the Celery task knows what to retry: PermanentFetchError (bad input:
retrying will not help) and TransientFetchError (network trouble, 5xx, 429).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import ipaddress
import re
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx
from django.conf import settings

MAX_REDIRECTS = 5
USER_AGENT = "StanceTracker/0.1 (+ingestion; contact the site admin)"

PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        # Many servers label feeds loosely; the XML check after the fetch decides.
        "text/plain",
        "text/html",
    }
)

_REDIRECT_CODES = {301, 302, 303, 307, 308}
_NUMERIC_HOST = re.compile(r"^(0x[0-9a-f]+|[0-9]+)(\.(0x[0-9a-f]+|[0-9]+)){0,3}$", re.IGNORECASE)
# NAT64 embeds an IPv4 address in the last 32 bits; a gateway would connect to that.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class FetchError(Exception):
    """Base class; str(error) is a sentence a person can act on."""


class PermanentFetchError(FetchError):
    """Retrying will not help: bad URL, refused address, 404, too large, wrong type."""


class TransientFetchError(FetchError):
    """May work later: network trouble, timeouts, 5xx, 429."""

    def __init__(self, message: str, *, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True)
class FetchResult:
    url: str  # after redirects
    status: int
    content_type: str  # the media type alone, lower case ("text/html")
    charset: str | None
    body: bytes
    etag: str = ""
    last_modified: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True)
class _Target:
    url: str
    scheme: str
    host: str  # ASCII (IDNA) host name or IP literal, as the Host header needs it
    port: int
    ip: str
    path: str  # path and query, percent-encoded as given


# --- Address checks ---------------------------------------------------------------------


def parse_ip_literal(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address `host` spells, if it is an IP literal in any form a resolver accepts.

    Besides dotted quads and IPv6, C libraries accept "2130706433", "0177.0.0.1" and
    "0x7f.1" as 127.0.0.1; they must not pass as host names.
    """
    bare = host.strip("[]").split("%")[0]
    try:
        return ipaddress.ip_address(bare)
    except ValueError:
        pass
    if _NUMERIC_HOST.match(bare):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(bare))
        except OSError:
            return None
    return None


def address_problem(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why we refuse to connect to `ip`, or None if it is a public address."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and ip.teredo:
            embedded = ip.teredo[1]
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            problem = address_problem(embedded)
            return f"{problem} (inside IPv6 {ip})" if problem else None
    for label, flag in (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
    ):
        if flag:
            return f"{ip} is a {label} address"
    if not ip.is_global:
        return f"{ip} is not a public address"
    return None


def resolve_host(host: str, port: int) -> list[str]:
    """Every address `host` resolves to. Tests replace this to fake DNS."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise TransientFetchError(f"Could not resolve the host name {host!r} ({exc}).") from exc
    return list(dict.fromkeys(info[4][0] for info in infos))


def _allowed_hosts() -> set[str]:
    return {host.lower().strip("[]") for host in settings.INGEST_ALLOWED_HOSTS}


def check_url(url: str) -> _Target:
    """Validate `url` and pick the checked address to connect to."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise PermanentFetchError(f"{url!r} is not a valid URL ({exc}).") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        shown = f"{scheme}://" if scheme else "no scheme"
        raise PermanentFetchError(
            f"Only http:// and https:// URLs can be fetched, and this one has {shown}."
        )
    if not parts.hostname:
        raise PermanentFetchError(f"{url!r} has no host name.")
    port = port or (443 if scheme == "https" else 80)
    literal = parse_ip_literal(parts.hostname)
    if literal is not None:
        host = str(literal)
        addresses = [host]
    else:
        try:
            host = parts.hostname.encode("idna").decode("ascii").lower()
        except UnicodeError as exc:
            raise PermanentFetchError(f"{parts.hostname!r} is not a valid host name.") from exc
        addresses = resolve_host(host, port)
        if not addresses:
            raise TransientFetchError(f"The host name {host!r} did not resolve to any address.")

    if host not in _allowed_hosts() and parts.hostname.lower() not in _allowed_hosts():
        for address in addresses:
            problem = address_problem(ipaddress.ip_address(address.split("%")[0]))
            if problem:
                # One bad answer is enough: a name that also resolves privately is a trap.
                raise PermanentFetchError(
                    f"Refused to fetch {url}: {parts.hostname} points to a non-public "
                    f"address ({problem})."
                )
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return _Target(url=url, scheme=scheme, host=host, port=port, ip=addresses[0], path=path)


# --- Fetching ---------------------------------------------------------------------------


def _host_header(target: _Target) -> str:
    host = f"[{target.host}]" if ":" in target.host else target.host
    default = 443 if target.scheme == "https" else 80
    return host if target.port == default else f"{host}:{target.port}"


def _ip_url(target: _Target) -> httpx.URL:
    ip = f"[{target.ip}]" if ":" in target.ip else target.ip
    return httpx.URL(f"{target.scheme}://{ip}:{target.port}{target.path}")


def _tls_verification() -> ssl.SSLContext | bool:
    # INGEST_CA_BUNDLE (optional): trust these CAs instead of the system's, e.g. behind a
    # company proxy, or the tests' own certificate. Verification itself is never off.
    bundle = getattr(settings, "INGEST_CA_BUNDLE", "")
    return ssl.create_default_context(cafile=str(bundle)) if bundle else True


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())


def _media_type(header: str) -> tuple[str, str | None]:
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'").lower()
    return media.strip().lower(), charset


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def fetch(
    url: str,
    *,
    accept: frozenset[str] = PAGE_TYPES,
    etag: str = "",
    last_modified: str = "",
) -> FetchResult:
    """GET `url` under every rule in the module docstring, or raise a FetchError."""
    max_bytes = settings.INGEST_MAX_BYTES
    total = float(settings.INGEST_TOTAL_TIMEOUT)
    deadline = time.monotonic() + total
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": ", ".join(sorted(accept)) + ";q=0.9, */*;q=0.1",
        # Compressed bodies can expand far beyond the byte cap before we count them.
        "Accept-Encoding": "identity",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified

    current = url
    # trust_env=False: a proxy from the environment would do its own DNS lookup and
    # connect wherever the name points, undoing the address check.
    with httpx.Client(
        follow_redirects=False, trust_env=False, verify=_tls_verification()
    ) as client:
        for _hop in range(MAX_REDIRECTS + 1):
            target = check_url(current)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TransientFetchError(f"Fetching {url} took longer than {total:g} s.")
            timeout = httpx.Timeout(
                connect=min(float(settings.INGEST_CONNECT_TIMEOUT), remaining),
                read=min(float(settings.INGEST_READ_TIMEOUT), remaining),
                write=min(float(settings.INGEST_READ_TIMEOUT), remaining),
                pool=min(float(settings.INGEST_CONNECT_TIMEOUT), remaining),
            )
            request = client.build_request(
                "GET",
                _ip_url(target),
                headers={**headers, "Host": _host_header(target)},
                timeout=timeout,
                extensions={"sni_hostname": target.host} if target.scheme == "https" else {},
            )
            try:
                response = client.send(request, stream=True)
            except httpx.TimeoutException as exc:
                raise TransientFetchError(
                    f"{target.host} did not answer in time ({type(exc).__name__})."
                ) from exc
            except httpx.ConnectError as exc:
                if "CERTIFICATE_VERIFY_FAILED" in str(exc):
                    raise PermanentFetchError(
                        f"{target.host} has an invalid TLS certificate ({exc})."
                    ) from exc
                raise TransientFetchError(f"Could not connect to {target.host} ({exc}).") from exc
            except httpx.HTTPError as exc:
                raise TransientFetchError(f"Fetching {current} failed ({exc}).") from exc
            try:
                if response.status_code in _REDIRECT_CODES:
                    location = response.headers.get("Location")
                    if not location:
                        raise PermanentFetchError(
                            f"{current} redirects ({response.status_code}) without a Location."
                        )
                    current = urljoin(current, location)
                    continue
                return _read(
                    response,
                    url=current,
                    accept=accept,
                    max_bytes=max_bytes,
                    deadline=deadline,
                    total=total,
                )
            finally:
                response.close()
    raise PermanentFetchError(f"{url} redirects more than {MAX_REDIRECTS} times.")


def _read(response: httpx.Response, *, url, accept, max_bytes, deadline, total) -> FetchResult:
    status = response.status_code
    reason = f"{status} {response.reason_phrase}".strip()
    if status == 304:
        return FetchResult(
            url=url,
            status=304,
            content_type="",
            charset=None,
            body=b"",
            etag=response.headers.get("ETag", ""),
            last_modified=response.headers.get("Last-Modified", ""),
        )
    if status == 429 or status >= 500:
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        raise TransientFetchError(
            f"The server answered {reason} for {url}.", retry_after=retry_after
        )
    if status != 200:
        raise PermanentFetchError(f"The server answered {reason} for {url}.")

    media, charset = _media_type(response.headers.get("Content-Type", ""))
    # No Content-Type at all is common enough; the extractor sniffs for binary data.
    if media and media not in accept:
        raise PermanentFetchError(
            f"{url} serves {media}, which is not one of the accepted types "
            f"({', '.join(sorted(accept))})."
        )
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise PermanentFetchError(
            f"{url} is {_megabytes(int(declared))}, over the {_megabytes(max_bytes)} limit."
        )
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > max_bytes:
                raise PermanentFetchError(
                    f"{url} sent more than the {_megabytes(max_bytes)} limit; stopped reading."
                )
            if time.monotonic() > deadline:
                raise TransientFetchError(f"Fetching {url} took longer than {total:g} s.")
            chunks.append(chunk)
    except httpx.TimeoutException as exc:
        raise TransientFetchError(f"{url} stopped sending data (read timeout).") from exc
    except httpx.HTTPError as exc:
        raise TransientFetchError(f"Reading {url} failed ({exc}).") from exc
    return FetchResult(
        url=url,
        status=status,
        content_type=media,
        charset=charset,
        body=b"".join(chunks),
        etag=response.headers.get("ETag", ""),
        last_modified=response.headers.get("Last-Modified", ""),
    )
