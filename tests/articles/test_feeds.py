from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from articles import services, tasks
from articles.feeds import FeedError, parse_feed
from articles.models import Feed, FeedEntry, IngestionJob

from .conftest import ARTICLE_HTML

Status = IngestionJob.Status


def rss(links: list[str], *, title="Example news") -> bytes:
    items = "".join(
        f"<item><title>Story {n}</title><link>{link}</link><guid>{link}</guid></item>"
        for n, link in enumerate(links)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>https://news.example/</link>{items}</channel></rss>"
    ).encode()


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom news</title>
<entry><id>tag:news.example,2024:1</id><title>One</title><link href="https://news.example/1"/></entry>
<entry><id>tag:news.example,2024:2</id><title>Two</title><link href="https://news.example/2"/></entry>
</feed>"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><title>&lol9;</title></channel></rss>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>&xxe;</title></channel></rss>"""


def test_it_reads_rss_and_atom():
    parsed = parse_feed(rss(["https://news.example/a", "https://news.example/b"]), max_entries=10)
    assert parsed.title == "Example news"
    assert [item.url for item in parsed.items] == [
        "https://news.example/a",
        "https://news.example/b",
    ]
    atom = parse_feed(ATOM, max_entries=10)
    assert [item.title for item in atom.items] == ["One", "Two"]


def test_entries_without_a_web_link_are_skipped():
    parsed = parse_feed(rss(["javascript:alert(1)", "https://news.example/ok"]), max_entries=10)
    assert [item.url for item in parsed.items] == ["https://news.example/ok"]


@pytest.mark.parametrize(
    "body, message",
    [
        (BILLION_LAUGHS, "declares XML entities"),
        (EXTERNAL_ENTITY, "declares XML entities"),
        (b"<rss><channel><item></channel>", "not well-formed XML"),
        (b"<html><body>not a feed</body></html>", "not an RSS or Atom feed"),
        (b"/etc/passwd", "not well-formed XML"),  # feedparser would open it as a file name
        (b"   ", "The feed is empty"),
    ],
)
def test_unsafe_or_malformed_feeds_are_refused(body, message):
    with pytest.raises(FeedError, match=message):
        parse_feed(body, max_entries=100)


def test_a_feed_with_ten_thousand_entries_is_refused():
    body = rss([f"https://news.example/{n}" for n in range(10_000)])
    with pytest.raises(FeedError, match="lists 10,000 entries, more than the 1,000 accepted"):
        parse_feed(body, max_entries=1000)


# --- Polling ------------------------------------------------------------------------------


@pytest.fixture
def feed(db, server):
    return services.feed_create(url=server.url("/feed.xml"))


def poll(feed: Feed) -> IngestionJob:
    job = services.job_create(kind=IngestionJob.Kind.FEED, source=feed.url, feed=feed)
    tasks.ingest_job.apply(args=[job.pk], throw=False)
    job.refresh_from_db()
    feed.refresh_from_db()
    return job


def test_each_new_entry_becomes_one_url_job(
    feed, server, django_capture_on_commit_callbacks, statements_double
):
    server.serve(
        "/feed.xml",
        rss([server.url("/a"), server.url("/b")]),
        content_type="application/rss+xml",
        headers={"ETag": '"v1"'},
    )
    server.serve("/a", ARTICLE_HTML)
    server.serve("/b", ARTICLE_HTML.replace(b"Tuesday", b"Friday").replace(b"canonical", b"x"))
    with django_capture_on_commit_callbacks(execute=True):
        job = poll(feed)
    assert job.status == Status.SUCCEEDED, job.error
    assert job.counts == {"entries": 2, "new": 2}
    children = list(job.children.order_by("pk"))
    assert [child.source for child in children] == [server.url("/a"), server.url("/b")]
    assert all(child.status == Status.SUCCEEDED for child in children), [c.error for c in children]
    assert feed.entries_seen == 2 and feed.etag == '"v1"' and feed.last_error == ""
    assert feed.title == "Example news"

    # The next poll sends the ETag; the server says nothing changed; nothing new is queued.
    server.serve("/feed.xml", b"", status=304)
    again = poll(feed)
    assert again.counts["new"] == 0
    assert server.requests[-1]["headers"]["if-none-match"] == '"v1"'
    assert FeedEntry.objects.filter(feed=feed).count() == 2


def test_an_entry_already_seen_is_not_queued_again(feed, server):
    server.serve("/feed.xml", rss([server.url("/a")]), content_type="application/rss+xml")
    poll(feed)
    second = poll(feed)
    assert second.counts == {"entries": 1, "new": 0}
    assert IngestionJob.objects.filter(kind=IngestionJob.Kind.URL).count() == 1


def test_new_entries_per_poll_are_capped(feed, server, ingest_settings):
    ingest_settings.INGEST_FEED_MAX_NEW = 3
    server.serve(
        "/feed.xml",
        rss([f"https://news.example/{n}" for n in range(10)]),
        content_type="application/rss+xml",
    )
    assert poll(feed).counts == {"entries": 10, "new": 3}
    assert poll(feed).counts == {"entries": 10, "new": 3}  # the next three


@pytest.mark.parametrize(
    "body, message",
    [
        (BILLION_LAUGHS, "declares XML entities"),
        (b"<rss><channel><item>", "not well-formed"),
    ],
)
def test_a_hostile_feed_fails_its_poll_and_shows_on_the_feed(feed, server, body, message):
    server.serve("/feed.xml", body, content_type="application/xml")
    job = poll(feed)
    assert job.status == Status.FAILED and message in job.error
    assert message in feed.last_error
    assert IngestionJob.objects.filter(kind=IngestionJob.Kind.URL).count() == 0


def test_a_feed_with_ten_thousand_entries_fails_its_poll(feed, server, ingest_settings):
    ingest_settings.INGEST_MAX_BYTES = 5 * 1024 * 1024
    server.serve(
        "/feed.xml",
        rss([f"https://news.example/{n}" for n in range(10_000)]),
        content_type="application/rss+xml",
    )
    job = poll(feed)
    assert job.status == Status.FAILED
    assert "10,000 entries" in feed.last_error


def test_an_unreachable_feed_shows_the_error_after_retries(feed, server):
    server.serve("/feed.xml", b"", status=503)
    job = poll(feed)
    assert job.status == Status.FAILED
    assert "503" in feed.last_error


def test_only_active_due_feeds_are_polled_and_only_once(
    db, django_capture_on_commit_callbacks, monkeypatch
):
    queued = []
    monkeypatch.setattr(tasks.ingest_job, "delay", lambda job_id: queued.append(job_id))
    now = timezone.now()
    due = services.feed_create(url="https://news.example/due.xml")
    later = services.feed_create(url="https://news.example/later.xml")
    Feed.objects.filter(pk=later.pk).update(next_poll_at=now + dt.timedelta(minutes=5))
    paused = services.feed_pause(feed=services.feed_create(url="https://news.example/p.xml"))

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.poll_due_feeds.delay().get() == 1
        assert tasks.poll_due_feeds.delay().get() == 0  # already claimed
    job = IngestionJob.objects.get(kind=IngestionJob.Kind.FEED)
    assert job.feed == due and queued == [job.pk]
    due.refresh_from_db()
    assert due.next_poll_at >= now + dt.timedelta(minutes=59)
    assert not IngestionJob.objects.filter(feed__in=[later, paused]).exists()


def test_resuming_a_feed_makes_it_due(db):
    feed = services.feed_pause(feed=services.feed_create(url="https://news.example/f.xml"))
    Feed.objects.filter(pk=feed.pk).update(next_poll_at=timezone.now() + dt.timedelta(days=1))
    feed.refresh_from_db()
    services.feed_resume(feed=feed)
    assert feed.is_active and feed.next_poll_at <= timezone.now()


def test_polling_now_moves_the_scheduled_poll_on(db, monkeypatch):
    monkeypatch.setattr(tasks.ingest_job, "delay", lambda job_id: None)
    feed = services.feed_create(url="https://news.example/now.xml", poll_interval_minutes=30)
    services.feed_poll_now(feed=feed)
    feed.refresh_from_db()
    assert feed.next_poll_at >= timezone.now() + dt.timedelta(minutes=29)
    assert services.feeds_poll_due() == []
