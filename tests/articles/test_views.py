from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles import services
from articles.models import Article, Feed, IngestionJob
from tests.factories import IngestionJobFactory

from .conftest import ARTICLE_HTML

pytestmark = pytest.mark.django_db
Status = IngestionJob.Status


@pytest.fixture
def job(db):
    return IngestionJobFactory()


@pytest.fixture
def feed(db):
    return services.feed_create(url="https://news.example/feed.xml")


def _pages(job, feed):
    """(method, url) for every ingestion page and action."""
    return [
        ("get", reverse("articles:ingest")),
        ("get", reverse("articles:job_list")),
        ("get", reverse("articles:job_detail", args=[job.pk])),
        ("get", reverse("articles:feed_list")),
        ("post", reverse("articles:ingest_url")),
        ("post", reverse("articles:ingest_text")),
        ("post", reverse("articles:ingest_html")),
        ("post", reverse("articles:ingest_files")),
        ("post", reverse("articles:job_retry", args=[job.pk])),
        ("post", reverse("articles:feed_create")),
        ("post", reverse("articles:feed_pause", args=[feed.pk])),
        ("post", reverse("articles:feed_resume", args=[feed.pk])),
        ("post", reverse("articles:feed_poll", args=[feed.pk])),
    ]


@pytest.mark.parametrize("persona", ["analyst_client", "editor_client"])
def test_it_refuses_analysts_and_editors_everywhere(request, persona, job, feed):
    client = request.getfixturevalue(persona)
    for method, url in _pages(job, feed):
        response = getattr(client, method)(url, {"url": "https://news.example/x", "text": "t"})
        assert response.status_code == 403, (method, url)
    assert IngestionJob.objects.count() == 1
    assert Feed.objects.get().is_active


def test_it_sends_anonymous_visitors_to_log_in(client, job, feed):
    for method, url in _pages(job, feed):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/accounts/login" in response.url, url


def test_every_page_works_for_an_admin(admin_client, job, feed):
    for method, url in _pages(job, feed):
        if method == "get":
            assert admin_client.get(url).status_code == 200, url


def test_actions_refuse_get(admin_client, job, feed):
    for method, url in _pages(job, feed):
        if method == "post":
            assert admin_client.get(url).status_code == 405, url
    assert IngestionJob.objects.count() == 1


def test_pages_have_no_inline_scripts_or_handlers(admin_client, job, feed):
    for method, url in _pages(job, feed):
        if method == "get":
            html = admin_client.get(url).content.decode()
            assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
            assert not re.search(r"\son[a-z]+\s*=", html), url


def test_nav_links_to_ingest_for_admins_only(admin_client, analyst_client):
    ingest = reverse("articles:ingest")
    assert f'href="{ingest}"' in admin_client.get("/ingest/jobs/").content.decode()
    assert f'href="{ingest}"' not in analyst_client.get(reverse("positions:home")).content.decode()


def test_pasting_text_queues_a_job_that_runs(
    admin_client, admin_user, statements_double, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = admin_client.post(
            reverse("articles:ingest_text"), {"text": "title: Pasted\n\nSome pasted text."}
        )
    # The job is enqueued after commit; running it (eagerly) then enqueues its alerts.
    assert len(callbacks) == 2
    job = IngestionJob.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "articles:job_detail", args=[job.pk]
    )
    assert job.status == Status.SUCCEEDED and job.created_by == admin_user
    assert job.article.title == "Pasted" and job.article.text == "Some pasted text."


def test_pasting_html_shows_the_article_escaped(
    admin_client, statements_double, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("articles:ingest_html"), {"html": ARTICLE_HTML.decode()}
        )
    html = admin_client.get(response.url).content.decode()
    assert 'id="job-status"' in html and 'data-status="succeeded"' in html
    assert 'id="job-article-link"' in html
    article = Article.objects.get()
    page = admin_client.get(reverse("articles:article_detail", args=[article.pk])).content.decode()
    assert "We will not change course" in page
    assert "alert(" not in page


def test_pasted_markup_is_escaped_on_the_article_page(
    admin_client, statements_double, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("articles:ingest_text"),
            {"text": "A <b>bold</b> <img src=x onerror=alert(1)> claim."},
        )
    article = Article.objects.get()
    page = admin_client.get(reverse("articles:article_detail", args=[article.pk])).content.decode()
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<img src=x" not in page


def test_empty_text_becomes_a_failed_job_with_the_reason(
    admin_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("articles:ingest_text"), {"text": "   "})
    response = admin_client.get(response.url)
    assert IngestionJob.objects.get().status == Status.FAILED
    assert "only whitespace" in response.content.decode()
    assert 'id="job-retry"' in response.content.decode()


def test_a_bad_url_is_a_failed_job_that_says_why(
    admin_client, ingest_settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("articles:ingest_url"), {"url": "http://169.254.169.254/latest/meta-data/"}
        )
    response = admin_client.get(response.url)
    assert "link-local" in response.content.decode()
    assert IngestionJob.objects.get().status == Status.FAILED


def test_uploading_several_files_makes_a_batch(
    admin_client, statements_double, django_capture_on_commit_callbacks
):
    files = [
        SimpleUploadedFile("one.txt", b"First uploaded article.", "text/plain"),
        SimpleUploadedFile("two.html", ARTICLE_HTML, "text/html"),
        SimpleUploadedFile("three.pdf", b"%PDF-1.4", "application/pdf"),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("articles:ingest_files"), {"files": files})
    batch = IngestionJob.objects.get(kind=IngestionJob.Kind.BATCH)
    assert response.url == reverse("articles:job_detail", args=[batch.pk])
    assert batch.children.count() == 3
    assert batch.counts == {
        "total": 3,
        "queued": 0,
        "running": 0,
        "succeeded": 2,
        "failed": 1,
        "duplicate": 0,
    }
    page = admin_client.get(response.url).content.decode()
    assert 'id="batch-counts"' in page and "three.pdf" in page


def test_uploading_one_file_makes_one_job(
    admin_client, statements_double, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("articles:ingest_files"),
            {"files": [SimpleUploadedFile("one.txt", b"Just one.")]},
        )
    job = IngestionJob.objects.get()
    assert job.kind == IngestionJob.Kind.FILE and job.status == Status.SUCCEEDED


def test_the_job_page_polls_while_the_job_runs(admin_client, job):
    url = reverse("articles:job_detail", args=[job.pk])
    full = admin_client.get(url).content.decode()
    assert 'hx-trigger="every 1s"' in full
    partial = admin_client.get(url, headers={"HX-Request": "true"})
    body = partial.content.decode()
    assert "<html" not in body and body.lstrip().startswith('<section id="job-live"')
    assert 'hx-trigger="every 1s"' in body and 'data-status="queued"' in body
    assert "HX-Request" in partial["Vary"]


def test_the_job_page_stops_polling_when_the_job_ends(admin_client, job, statements_double):
    services.job_run(job_id=job.pk)
    body = admin_client.get(
        reverse("articles:job_detail", args=[job.pk]), headers={"HX-Request": "true"}
    ).content.decode()
    assert 'data-status="succeeded"' in body
    assert "hx-trigger" not in body
    assert 'id="job-statement-count">2<' in body


def test_the_job_page_lists_the_articles_statements(admin_client, statements_double):
    from tests.factories import StatementFactory

    statement = StatementFactory()
    job = IngestionJobFactory(status=Status.SUCCEEDED, article=statement.article)
    page = admin_client.get(reverse("articles:job_detail", args=[job.pk])).content.decode()
    assert 'id="job-statements"' in page and "We will not change course" in page


def test_retry_requeues_a_failed_job(
    admin_client, statements_double, django_capture_on_commit_callbacks
):
    job = IngestionJobFactory(status=Status.FAILED, error="boom", payload=b"Fine text now.")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("articles:job_retry", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == Status.SUCCEEDED


def test_retry_refuses_a_job_that_did_not_fail(admin_client, job):
    response = admin_client.post(reverse("articles:job_retry", args=[job.pk]), follow=True)
    assert "Only a failed job can be retried" in response.content.decode()
    job.refresh_from_db()
    assert job.status == Status.QUEUED


def test_jobs_can_be_filtered_by_status_and_kind(admin_client):
    IngestionJobFactory(
        status=Status.FAILED, kind=IngestionJob.Kind.URL, source="https://a.example/"
    )
    IngestionJobFactory(status=Status.SUCCEEDED, kind=IngestionJob.Kind.TEXT, source="pasted one")
    url = reverse("articles:job_list")
    failed = admin_client.get(url, {"status": "failed"}).content.decode()
    assert "https://a.example/" in failed and "pasted one" not in failed
    text = admin_client.get(url, {"kind": "text"}, headers={"HX-Request": "true"}).content.decode()
    assert "pasted one" in text and "https://a.example/" not in text
    assert text.lstrip().startswith('<div id="job-table"')


def test_batches_show_a_progress_bar(admin_client):
    batch = services.batch_create_from_files(
        source="two files", files=[("a.txt", b"A."), ("b.txt", b"B.")]
    )
    page = admin_client.get(reverse("articles:job_list")).content.decode()
    assert f'<tr id="job-row-{batch.pk}">' in page
    assert (
        "2 jobs: 0 succeeded" in page and '<progress class="progress" max="100" value="0">' in page
    )


@pytest.mark.parametrize("rows", [10, 200])
def test_the_jobs_list_query_count_does_not_grow_with_rows(
    admin_client, admin_user, django_assert_max_num_queries, rows
):
    batch = services.batch_create(source="batch", user=admin_user)
    article = Article.objects.create(text="x", content_hash="h")
    IngestionJob.objects.bulk_create(
        IngestionJob(
            kind="url",
            source=f"https://n.example/{n}",
            created_by=admin_user,
            parent=batch,
            article=article,
        )
        for n in range(rows)
    )
    with django_assert_max_num_queries(6):
        response = admin_client.get(reverse("articles:job_list"))
    assert response.status_code == 200


def test_registering_a_feed_queues_its_first_poll(
    admin_client, admin_user, monkeypatch, django_capture_on_commit_callbacks
):
    from articles import tasks

    queued = []
    monkeypatch.setattr(tasks.ingest_job, "delay", lambda job_id: queued.append(job_id))
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("articles:feed_create"),
            {"url": "https://news.example/rss", "poll_interval_minutes": 30},
        )
    assert response.status_code == 302
    feed = Feed.objects.get()
    assert feed.poll_interval_minutes == 30 and feed.created_by == admin_user
    assert queued == [IngestionJob.objects.get(feed=feed).pk]
    again = admin_client.post(
        reverse("articles:feed_create"),
        {"url": "https://news.example/rss", "poll_interval_minutes": 30},
    )
    assert again.status_code == 400 and "already registered" in again.content.decode()


def test_a_feed_url_must_be_http(admin_client):
    response = admin_client.post(
        reverse("articles:feed_create"), {"url": "file:///etc/passwd", "poll_interval_minutes": 60}
    )
    assert response.status_code == 400 and not Feed.objects.exists()


def test_feeds_can_be_paused_and_resumed(admin_client, feed):
    Feed.objects.filter(pk=feed.pk).update(
        last_error="The feed is not well-formed XML (x).", entries_seen=7
    )
    admin_client.post(reverse("articles:feed_pause", args=[feed.pk]))
    feed.refresh_from_db()
    assert not feed.is_active
    page = admin_client.get(reverse("articles:feed_list")).content.decode()
    assert "Paused" in page and "not well-formed XML" in page and ">7<" in page
    admin_client.post(reverse("articles:feed_resume", args=[feed.pk]))
    feed.refresh_from_db()
    assert feed.is_active


def test_poll_now_queues_a_feed_job(
    admin_client, feed, monkeypatch, django_capture_on_commit_callbacks
):
    from articles import tasks

    monkeypatch.setattr(tasks.ingest_job, "delay", lambda job_id: None)
    response = admin_client.post(reverse("articles:feed_poll", args=[feed.pk]))
    job = IngestionJob.objects.get(kind=IngestionJob.Kind.FEED)
    assert response.url == reverse("articles:job_detail", args=[job.pk])
