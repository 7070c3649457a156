"""The ingestion pipeline end to end: jobs in, articles (or clear failures) out."""

from __future__ import annotations

import io
import os
import zipfile

import pytest

from articles import services, tasks
from articles.models import Article, IngestionJob, MinHashBand

from .conftest import ARTICLE_HTML

pytestmark = pytest.mark.django_db

Status = IngestionJob.Status
GOOD_TEXT = (
    "title: Minister rules out change\noutlet: Daily Example\npublished: 2024-05-29\n"
    "url: https://daily.example/news/1\n\n"
    'The defence minister ruled out any change on Tuesday. "We will not change course," '
    "the minister said, adding that allies had been consulted.\n"
)


def run(job: IngestionJob) -> IngestionJob:
    """Run the job's task in this process, retries included (they run at once here)."""
    # throw=False: with eager propagation Celery would raise the Retry instead of retrying.
    result = tasks.ingest_job.apply(args=[job.pk], throw=False)
    assert result.successful(), result.traceback
    job.refresh_from_db()
    return job


def test_a_text_job_makes_an_article_and_finds_statements(admin_user, statements_double):
    job = run(services.job_create_text(text=GOOD_TEXT, user=admin_user))
    assert job.status == Status.SUCCEEDED
    article = job.article
    assert article.title == "Minister rules out change"
    assert article.outlet.name == "Daily Example"
    assert str(article.published_date) == "2024-05-29"
    assert article.text.startswith("The defence minister")
    assert article.canonical_url == "https://daily.example/news/1"
    assert statements_double.calls == [article.pk]
    assert job.counts["statements"] == 2
    assert set(job.timings) == {"fetch", "extract", "dedupe", "store", "statements"}
    assert job.progress == 100 and job.step == "statements"
    assert job.created_by == admin_user
    assert job.payload == b""  # not kept once the article is stored


def test_the_same_text_again_is_a_duplicate(statements_double):
    first = run(services.job_create_text(text=GOOD_TEXT))
    header, body = GOOD_TEXT.split("\n\n", 1)
    # No URL this time, and the body re-wrapped and in capitals: the text hash still matches.
    header = header.replace("url: https://daily.example/news/1", "title: Other")
    rewrapped = "  " + body.upper().replace(" ", "\n")
    second = run(services.job_create_text(text=header + "\n\n" + rewrapped))
    assert second.status == Status.DUPLICATE
    assert second.article_id == first.article_id
    assert f"article {first.article_id}" in second.error
    assert Article.objects.count() == 1


def test_the_same_canonical_url_is_a_duplicate(statements_double):
    first = run(services.job_create_text(text=GOOD_TEXT))
    changed = GOOD_TEXT.replace("Tuesday", "Wednesday").replace(
        "https://daily.example/news/1", "https://DAILY.example/news/1?utm_source=feed"
    )
    second = run(services.job_create_text(text=changed))
    assert second.status == Status.DUPLICATE
    assert second.article_id == first.article_id


def test_the_same_wire_story_in_another_outlet_is_linked_as_a_near_duplicate(statements_double):
    from .test_dedupe import LONG_STORY

    first = run(services.job_create_text(text=f"outlet: Wire One\n\n{LONG_STORY}"))
    second = run(
        services.job_create_text(
            text=f"outlet: Paper Two\n\nReprinted from the wire. {LONG_STORY} By A. Writer."
        )
    )
    assert second.status == Status.SUCCEEDED
    assert second.article_id != first.article_id
    assert second.article.near_duplicate_of_id == first.article_id
    assert first.article.near_duplicate_of_id is None
    assert MinHashBand.objects.filter(article=second.article).count() == 16


def test_a_job_runs_once_however_often_its_task_is_delivered(statements_double):
    job = services.job_create_text(text=GOOD_TEXT)
    run(job)
    run(job)
    assert services.job_run(job_id=job.pk) is None
    assert statements_double.calls == [job.article_id]
    assert Article.objects.count() == 1


def test_a_running_job_is_not_claimed_twice(statements_double):
    job = services.job_create_text(text=GOOD_TEXT)
    assert services.job_claim(job_id=job.pk) is not None
    assert services.job_claim(job_id=job.pk) is None


def test_a_deleted_job_ends_quietly():
    job = services.job_create_text(text=GOOD_TEXT)
    job.delete()
    tasks.ingest_job.delay(job.pk)  # no exception


def test_when_finding_statements_fails_the_job_fails_and_the_article_stays(statements_double):
    statements_double.error = RuntimeError("model file missing")
    job = run(services.job_create_text(text=GOOD_TEXT))
    assert job.status == Status.FAILED
    assert "finding its statements failed" in job.error
    assert "model file missing" in job.error
    assert job.article_id is not None
    assert Article.objects.count() == 1

    statements_double.error = None
    services.job_retry(job=job)
    job = run(job)
    assert job.status == Status.SUCCEEDED
    assert Article.objects.count() == 1
    assert job.counts["statements"] == 2


def test_an_html_job_extracts_and_never_stores_scripts(statements_double):
    job = run(services.job_create_html(html=ARTICLE_HTML.decode()))
    assert job.status == Status.SUCCEEDED
    article = job.article
    assert article.title == "Minister rules out change"
    assert article.byline == "Jane Reporter"
    assert article.outlet.name == "The Daily Example"
    assert article.canonical_url == "https://daily.example/news/minister-rules-out-change"
    assert "<script" not in article.raw_sanitised and "alert(" not in article.text


BAD_FILES = [
    ("empty.txt", b"", "The input is empty"),
    ("blank.txt", b" \n\t\n  ", "only whitespace"),
    ("report.txt", b"%PDF-1.7\n1 0 obj << >>", "a PDF document"),
    ("photo.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
    ("noise.txt", os.urandom(2048), "binary data|not valid|This is"),
    ("broken.txt", b"caf\xc3\xa9 then \xff\xfe garbage", "not valid UTF-8"),
    ("deep.html", b"<div>" * 10_000 + b"text" + b"</div>" * 10_000, "levels deep"),
    ("notes.docx", b"PK\x03\x04", "not an .html, .htm or .txt file"),
]


@pytest.mark.parametrize("name, data, reason", BAD_FILES)
def test_bad_files_fail_with_a_reason(statements_double, name, data, reason):
    job = run(services.job_create_file(name=name, data=data))
    assert job.status == Status.FAILED
    assert job.error
    assert __import__("re").search(reason, job.error), job.error
    assert Article.objects.count() == 0


def test_a_50_mb_upload_fails_without_being_stored(ingest_settings):
    ingest_settings.INGEST_MAX_BYTES = 10 * 1024 * 1024
    huge = b"<p>" + b"a" * (50 * 1024 * 1024) + b"</p>"
    job = services.job_create_file(name="huge.html", data=huge)
    assert job.status == Status.FAILED
    assert "over the 10.0 MB limit" in job.error
    assert bytes(job.payload) == b""


def test_bad_inputs_do_not_harm_the_good_ones_in_a_batch(statements_double):
    files = [(name, data) for name, data, _ in BAD_FILES] + [("good.txt", GOOD_TEXT.encode())]
    batch = services.batch_create_from_files(source="mixed", files=files)
    for child in batch.children.all():
        run(child)
    batch.refresh_from_db()
    assert batch.status == Status.FAILED
    assert batch.counts["total"] == len(files)
    assert batch.counts["succeeded"] == 1
    assert batch.counts["failed"] == len(BAD_FILES)
    assert batch.progress == 100
    assert f"{len(BAD_FILES)} of {len(files)} jobs failed" in batch.error
    good = batch.children.get(source="good.txt")
    assert good.status == Status.SUCCEEDED and good.article_id


def test_batch_progress_is_the_sum_of_its_children(statements_double):
    files = [(f"{n}.txt", f"Article number {n} says something new.".encode()) for n in range(4)]
    batch = services.batch_create_from_files(source="four", files=files)
    assert batch.status == Status.QUEUED and batch.progress == 0
    first = batch.children.order_by("pk").first()
    run(first)
    batch.refresh_from_db()
    assert batch.status == Status.RUNNING
    assert batch.progress == 25
    assert batch.counts["succeeded"] == 1 and batch.counts["queued"] == 3
    for child in batch.children.all():
        run(child)
    batch.refresh_from_db()
    assert batch.status == Status.SUCCEEDED and batch.progress == 100


def _zip(members: dict[str, bytes]) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    buffer.seek(0)
    return buffer


def test_a_zip_becomes_a_batch_of_its_text_and_html_files(statements_double):
    archive = _zip(
        {
            "a.txt": b"First article text here.",
            "b/c.html": ARTICLE_HTML,
            "image.png": b"\x89PNG",
            "__MACOSX/a.txt": b"junk",
        }
    )
    batch = services.batch_create_from_zip(path_or_file=archive, source="articles.zip")
    assert sorted(batch.children.values_list("source", flat=True)) == ["a.txt", "b/c.html"]


def test_a_zip_bomb_fails_the_batch(ingest_settings):
    ingest_settings.INGEST_ZIP_MAX_BYTES = 1024 * 1024
    # 30 members of 200 KB zeros each: tiny compressed, 6 MB unpacked.
    archive = _zip({f"{n}.txt": b"0" * (200 * 1024) for n in range(30)})
    assert len(archive.getvalue()) < 50_000
    batch = services.batch_create_from_zip(path_or_file=archive, source="bomb.zip")
    assert batch.status == Status.FAILED
    assert "zip bomb" in batch.error
    assert batch.children.count() == 0


def test_a_zip_member_larger_than_the_file_limit_fails_the_batch(ingest_settings):
    archive = _zip({"big.txt": b"0" * (ingest_settings.INGEST_MAX_BYTES * 4)})
    batch = services.batch_create_from_zip(path_or_file=archive, source="big.zip")
    assert batch.status == Status.FAILED and "limit for one file" in batch.error


def test_a_zip_with_too_many_files_fails_the_batch(ingest_settings):
    ingest_settings.INGEST_ZIP_MAX_FILES = 3
    batch = services.batch_create_from_zip(
        path_or_file=_zip({f"{n}.txt": b"x" for n in range(4)}), source="many.zip"
    )
    assert batch.status == Status.FAILED and "holds 4 files" in batch.error


def test_a_file_that_is_not_a_zip_fails_the_batch():
    batch = services.batch_create_from_zip(path_or_file=io.BytesIO(b"nope"), source="x.zip")
    assert batch.status == Status.FAILED and "not a readable zip" in batch.error


# --- URL jobs ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, reason",
    [
        ("file:///etc/passwd", "Only http:// and https://"),
        ("ftp://example.org/a", "Only http:// and https://"),
        ("gopher://example.org/", "Only http:// and https://"),
        ("http://127.0.0.1/", "loopback"),
        ("http://[::1]/", "loopback"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://10.0.0.1/", "private"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://2130706433/", "loopback"),
        ("http://0177.0.0.1/", "loopback"),
    ],
)
def test_refused_urls_fail_at_once(ingest_settings, statements_double, url, reason):
    job = run(services.job_create_url(url=url))
    assert job.status == Status.FAILED
    assert reason in job.error
    assert job.attempts == 1  # permanent: no retry
    assert job.step == "fetch"


def test_a_name_resolving_to_a_private_address_fails(ingest_settings, fake_dns):
    fake_dns["intranet.example"] = ["192.168.0.10"]
    job = run(services.job_create_url(url="http://intranet.example/page"))
    assert job.status == Status.FAILED
    assert "intranet.example points to a non-public address" in job.error


def test_a_public_url_redirecting_to_a_private_one_fails(server, fake_dns, ingest_settings):
    fake_dns["public.example"] = ["127.0.0.1"]
    ingest_settings.INGEST_ALLOWED_HOSTS = ["public.example"]
    server.redirect("/story", "http://169.254.169.254/latest/meta-data/")
    job = run(services.job_create_url(url=server.url("/story", host="public.example")))
    assert job.status == Status.FAILED
    assert "169.254.169.254" in job.error and "link-local" in job.error


def test_a_url_job_fetches_and_stores_the_article(server, statements_double):
    server.serve("/news/1", ARTICLE_HTML)
    job = run(services.job_create_url(url=server.url("/news/1")))
    assert job.status == Status.SUCCEEDED, job.error
    assert job.article.url == server.url("/news/1")
    assert job.article.title == "Minister rules out change"


def test_a_url_serving_plain_text_is_read_as_text(server, statements_double):
    server.serve("/a.txt", GOOD_TEXT.encode(), content_type="text/plain; charset=utf-8")
    job = run(services.job_create_url(url=server.url("/a.txt")))
    assert job.status == Status.SUCCEEDED
    assert job.article.title == "Minister rules out change"


def test_a_server_that_never_answers_fails_the_job_after_retries(server):
    server.never_answer("/slow")
    job = run(services.job_create_url(url=server.url("/slow")))
    assert job.status == Status.FAILED
    assert "did not answer in time" in job.error
    assert "Gave up after 2 tries" in job.error
    assert job.attempts == 2


def test_a_body_that_never_ends_fails_at_the_cap(server):
    server.endless("/endless")
    job = run(services.job_create_url(url=server.url("/endless")))
    assert job.status == Status.FAILED
    assert "limit; stopped reading" in job.error
    assert job.attempts == 1


def test_a_server_error_is_retried_and_can_then_succeed(server, statements_double):
    server.serve("/flaky", [b"", ARTICLE_HTML], status=[503, 200])
    job = run(services.job_create_url(url=server.url("/flaky")))
    assert job.status == Status.SUCCEEDED
    assert job.attempts == 2


def test_a_server_that_keeps_failing_fails_the_job_with_the_reason(server):
    server.serve("/busy", b"", status=429, headers={"Retry-After": "1"})
    job = run(services.job_create_url(url=server.url("/busy")))
    assert job.status == Status.FAILED
    assert "429" in job.error and "Gave up" in job.error


def test_a_database_error_is_retried(monkeypatch, statements_double):
    from django.db import OperationalError

    real = services._run_article
    calls = []

    def flaky(job):
        calls.append(job.pk)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real(job)

    monkeypatch.setattr(services, "_run_article", flaky)
    job = run(services.job_create_text(text=GOOD_TEXT))
    assert job.status == Status.SUCCEEDED
    assert len(calls) == 2


def test_an_unexpected_error_fails_the_job_and_says_it_is_a_bug(monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("oops")

    monkeypatch.setattr(services, "extract_text", broken)
    job = run(services.job_create_text(text=GOOD_TEXT))
    assert job.status == Status.FAILED
    assert "This is a bug" in job.error


def test_retry_delay_grows_with_jitter_and_honours_retry_after():
    delays = [services.retry_delay(n) for n in range(4)]
    assert 5 <= delays[0] <= 10
    assert 40 <= delays[3] <= 80
    assert services.retry_delay(0, retry_after=120) >= 120
    assert services.retry_delay(30) <= 600


def test_only_failed_jobs_can_be_retried(statements_double):
    job = run(services.job_create_text(text=GOOD_TEXT))
    with pytest.raises(ValueError):
        services.job_retry(job=job)


def test_retrying_a_batch_requeues_its_failed_jobs(statements_double):
    batch = services.batch_create_from_files(
        source="two", files=[("good.txt", GOOD_TEXT.encode()), ("empty.txt", b"")]
    )
    for child in batch.children.all():
        run(child)
    batch.refresh_from_db()
    assert batch.status == Status.FAILED
    services.job_retry(job=batch)
    batch.refresh_from_db()
    assert batch.children.get(source="empty.txt").status == Status.QUEUED
    assert batch.children.get(source="good.txt").status == Status.SUCCEEDED
    assert batch.status == Status.RUNNING


@pytest.mark.django_db(transaction=True)
def test_a_job_deleted_while_it_runs_ends_quietly(monkeypatch):
    job = services.job_create_text(text=GOOD_TEXT)

    def delete_the_job(*, article):
        IngestionJob.objects.filter(pk=job.pk).delete()
        return []

    monkeypatch.setattr("positions.services.extract_statements", delete_the_job)
    assert tasks.ingest_job.apply(args=[job.pk], throw=False).successful()
    assert not IngestionJob.objects.filter(pk=job.pk).exists()


def test_a_url_already_ingested_is_not_fetched_again(server, statements_double):
    server.serve("/news/1", ARTICLE_HTML.replace(b"canonical", b"nothing"))
    first = run(services.job_create_url(url=server.url("/news/1")))
    assert first.status == Status.SUCCEEDED
    second = run(services.job_create_url(url=server.url("/news/1?utm_source=feed")))
    assert second.status == Status.DUPLICATE and second.article_id == first.article_id
    assert len(server.requests) == 1
