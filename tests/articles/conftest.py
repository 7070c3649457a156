"""Fixtures for ingestion tests: a hostile little HTTP server on loopback, fake DNS, and
small limits so the slow cases (timeouts, endless bodies) take a fraction of a second."""

from __future__ import annotations

import contextlib
import shutil
import ssl
import subprocess
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

import pytest

from articles import fetching


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the stdlib's name
        self.server.requests.append(
            {"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}}
        )
        route = self.server.routes.get(self.path.split("?")[0])
        if route is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        # The client hangs up on hostile responses, as it should.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            route(self)

    def log_message(self, *args):
        pass


class LocalServer:
    """A threaded HTTP server on 127.0.0.1 whose responses the test defines per path."""

    def __init__(self, tls: ssl.SSLContext | None = None):
        self.scheme = "https" if tls else "http"
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        if tls is not None:
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        self.httpd.daemon_threads = True
        self.httpd.routes = {}
        self.httpd.requests = []
        self.stop = threading.Event()
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.thread.start()

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    @property
    def requests(self) -> list[dict]:
        return self.httpd.requests

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"{self.scheme}://{host}:{self.port}{path}"

    def route(self, path: str, handler: Callable) -> None:
        self.httpd.routes[path] = handler

    def serve(
        self, path, body=b"", *, status=200, content_type="text/html; charset=utf-8", headers=None
    ):
        """A fixed response at `path`; `body` may be a list, one per request, last repeats."""
        bodies = body if isinstance(body, list) else [body]
        statuses = status if isinstance(status, list) else [status]
        calls = {"n": 0}

        def handler(request):
            n = calls["n"]
            calls["n"] += 1
            payload = bodies[min(n, len(bodies) - 1)]
            code = statuses[min(n, len(statuses) - 1)]
            request.send_response(code)
            if content_type:
                request.send_header("Content-Type", content_type)
            for key, value in (headers or {}).items():
                request.send_header(key, value)
            request.send_header("Content-Length", str(len(payload)))
            request.end_headers()
            request.wfile.write(payload)

        self.route(path, handler)

    def redirect(self, path, location, status=302):
        def handler(request):
            request.send_response(status)
            request.send_header("Location", location)
            request.send_header("Content-Length", "0")
            request.end_headers()

        self.route(path, handler)

    def never_answer(self, path):
        def handler(request):
            self.stop.wait(10)

        self.route(path, handler)

    def endless(self, path, *, delay=0.0):
        def handler(request):
            request.send_response(200)
            request.send_header("Content-Type", "text/html")
            request.end_headers()
            chunk = b"<p>" + b"endless " * 1000 + b"</p>"
            while not self.stop.is_set():
                request.wfile.write(chunk)
                if delay:
                    time.sleep(delay)

        self.route(path, handler)

    def close(self):
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def ingest_settings(settings):
    """Small limits: a test must never wait for a production timeout."""
    settings.INGEST_ALLOWED_HOSTS = []
    settings.INGEST_CONNECT_TIMEOUT = 0.5
    settings.INGEST_READ_TIMEOUT = 0.3
    settings.INGEST_TOTAL_TIMEOUT = 3
    settings.INGEST_MAX_BYTES = 256 * 1024
    settings.INGEST_MAX_RETRIES = 1
    return settings


@pytest.fixture
def server(ingest_settings):
    local = LocalServer()
    ingest_settings.INGEST_ALLOWED_HOSTS = ["127.0.0.1"]
    yield local
    local.close()


def self_signed_certificate(directory, name: str) -> tuple[str, str]:
    """(certificate, key) files for `name`, made with the openssl command."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    cert, key = str(directory / f"{name}.pem"), str(directory / f"{name}.key")
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            key,
            "-out",
            cert,
            "-days",
            "1",
            "-subj",
            f"/CN={name}",
            "-addext",
            f"subjectAltName=DNS:{name}",
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture
def tls_server(ingest_settings, tmp_path):
    """An https server on 127.0.0.1 with a certificate for public.example, which the
    fetcher trusts (INGEST_CA_BUNDLE)."""
    cert, key = self_signed_certificate(tmp_path, "public.example")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    local = LocalServer(tls=context)
    ingest_settings.INGEST_CA_BUNDLE = cert
    yield local
    local.close()


@pytest.fixture
def fake_dns(monkeypatch):
    """Answers for host names, so tests control what a name resolves to."""
    answers: dict[str, list[str]] = {}
    lookups: list[str] = []

    def resolve(host, port):
        lookups.append(host)
        if host not in answers:
            raise fetching.TransientFetchError(f"Could not resolve the host name {host!r}.")
        return answers[host]

    monkeypatch.setattr(fetching, "resolve_host", resolve)
    return FakeDns(answers, lookups)


class FakeDns:
    def __init__(self, answers, lookups):
        self.answers = answers
        self.lookups = lookups

    def __setitem__(self, host, addresses):
        self.answers[host] = addresses


@pytest.fixture
def statements_double(monkeypatch):
    """Stand-in for positions.services.extract_statements, recording its calls."""

    class Double:
        calls: list = []
        # Statement-like rows: the pipeline reads their primary keys for alerts.
        result: list = [SimpleNamespace(pk=-1), SimpleNamespace(pk=-2)]
        error: Exception | None = None

        def __call__(self, *, article):
            self.calls.append(article.pk)
            if self.error is not None:
                raise self.error
            return list(self.result)

    double = Double()
    double.calls = []
    monkeypatch.setattr("positions.services.extract_statements", double)
    return double


ARTICLE_HTML = b"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Minister rules out change | The Daily Example</title>
<meta property="og:title" content="Minister rules out change">
<meta property="og:site_name" content="The Daily Example">
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2024-05-29T09:00:00Z">
<link rel="canonical" href="https://daily.example/news/minister-rules-out-change?utm_source=rss">
<script>document.title = "hacked";</script>
</head><body>
<nav>Home | World | Politics</nav>
<article>
<h1>Minister rules out change</h1>
<p>The defence minister on Tuesday ruled out any change to the rules on long-range weapons,
saying the government had weighed the question carefully over several weeks of talks.</p>
<p>"We will not change course," the minister said at a press conference in the capital,
adding that allies had been consulted and agreed with the approach being taken.</p>
<p>Opposition leaders criticised the decision, arguing that it left the country exposed and
that the policy should be reviewed before the next summit of foreign ministers.</p>
<script>alert("never stored")</script>
</article>
<footer>Copyright The Daily Example</footer>
</body></html>"""


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # The role fixtures set real passwords; the default hasher is slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
