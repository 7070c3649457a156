from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Feed, IngestionJob

from .conftest import ARTICLE_HTML

pytestmark = pytest.mark.django_db
SEED = Path("/work/shared/corpus/seed/articles/seed-blinken-strike-restrictions.txt")
Status = IngestionJob.Status


def ingest(*args) -> str:
    out = io.StringIO()
    call_command("ingest", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def _no_broker(settings, statements_double):
    settings.CELERY_BROKER_URL = "filesystem://"


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed corpus is not here")
def test_the_seed_article_is_ingested_once_and_then_reported_as_a_duplicate():
    first = ingest(str(SEED))
    article = Article.objects.get()
    assert "1 succeeded" in first and f"article {article.pk}" in first
    assert article.title == (
        "Blinken hinted the U.S. might allow Ukraine to use US weapons to strike Russia"
    )
    assert article.outlet.name == "Daily Mail"
    assert str(article.published_date) == "2024-05-29"
    assert article.url.startswith("https://www.dailymail.co.uk/news/article-13474833/")
    assert article.text == SEED.read_text(encoding="utf-8").split("\n\n", 1)[1]

    second = ingest(str(SEED))
    assert f"duplicate of article {article.pk}" in second and "1 duplicate" in second
    assert Article.objects.count() == 1


def test_a_folder_becomes_a_batch_with_a_progress_bar(tmp_path):
    (tmp_path / "a.txt").write_text("title: A\n\nThe first article.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_bytes(ARTICLE_HTML)
    (tmp_path / "notes.md").write_text("ignored")
    (tmp_path / ".hidden.txt").write_text("ignored too")
    out = ingest(str(tmp_path))
    assert "[##############################] 2/2" in out
    assert "2 job(s): 2 succeeded" in out
    batch = IngestionJob.objects.get(kind=IngestionJob.Kind.BATCH)
    assert batch.status == Status.SUCCEEDED and batch.children.count() == 2


def test_a_zip_becomes_a_batch(tmp_path):
    path = tmp_path / "articles.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("one.txt", "First zipped article.")
        archive.writestr("two.txt", "Second zipped article.")
    out = ingest(str(path))
    assert "2 succeeded" in out
    assert Article.objects.count() == 2


def test_a_zip_bomb_is_reported_and_the_command_fails(tmp_path, settings):
    settings.INGEST_ZIP_MAX_BYTES = 1024 * 1024
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(20):
            archive.writestr(f"{n}.txt", b"0" * (200 * 1024))
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 input"):
        call_command("ingest", str(path), stdout=out)
    assert "zip bomb" in out.getvalue()
    assert Article.objects.count() == 0


def test_failures_are_listed_with_reasons_and_make_the_command_fail(tmp_path, ingest_settings):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "good.txt").write_text("A perfectly good article.")
    out = io.StringIO()
    with pytest.raises(CommandError, match="2 input"):
        call_command(
            "ingest",
            str(tmp_path / "empty.txt"),
            str(tmp_path / "good.txt"),
            "gopher://example.org/",
            stdout=out,
        )
    text = out.getvalue()
    assert "empty.txt: failed: The input is empty." in text
    assert "gopher://example.org/: failed: Only http:// and https://" in text
    assert "3 job(s): 1 succeeded, 0 duplicate, 2 failed" in text


def test_a_url_is_fetched(server):
    server.serve("/story", ARTICLE_HTML)
    out = ingest(server.url("/story"))
    assert "1 succeeded" in out
    assert Article.objects.get().title == "Minister rules out change"


def test_a_feed_is_registered_polled_and_its_entries_ingested(server):
    from .test_feeds import rss

    server.serve("/feed.xml", rss([server.url("/story")]), content_type="application/rss+xml")
    server.serve("/story", ARTICLE_HTML)
    out = ingest("--feed", server.url("/feed.xml"))
    assert "Registered feed" in out and "polled, 1 new" in out
    assert Feed.objects.get().entries_seen == 1
    assert Article.objects.count() == 1


def test_a_missing_path_is_an_error():
    with pytest.raises(CommandError, match="neither a URL nor an existing file"):
        ingest("/no/such/file.txt")


def test_nothing_to_do_is_an_error():
    with pytest.raises(CommandError, match="Give at least one"):
        ingest()


def test_with_queue_the_jobs_go_to_the_workers(tmp_path, django_capture_on_commit_callbacks):
    (tmp_path / "a.txt").write_text("First.")
    (tmp_path / "b.txt").write_text("Second.")
    with django_capture_on_commit_callbacks() as callbacks:
        out = ingest("--queue", "--no-wait", str(tmp_path))
    batch = IngestionJob.objects.get(kind=IngestionJob.Kind.BATCH)
    assert f"Queued #{batch.pk}" in out
    assert len(callbacks) == 2  # one task per file, sent after commit
    assert not Article.objects.exists()
