"""An admin pastes HTML, watches the job progress to succeeded without reloading, and
opens the article."""

import pytest

from articles import services
from articles import tasks as article_tasks
from articles.models import IngestionJob

pytestmark = pytest.mark.django_db(transaction=True)

HTML = (
    "<html><head><title>Harbour tolls debated</title><script>window.pwned = true</script></head>"
    "<body><article><h1>Harbour tolls debated</h1>"
    "<p>'We must lift the toll on small boats,' said Jana Holm, the harbour minister, "
    "on Monday. The proposal goes to parliament next month.</p>"
    "<p>Opposition leaders said the plan would cost the port millions.</p>"
    "</article></body></html>"
)


def test_an_admin_pastes_html_and_watches_the_job_finish(
    page, live_server, login, admin_user, monkeypatch, screenshot
):
    # Hold the job in the queue so the page is seen polling before it runs.
    queued = []
    monkeypatch.setattr(
        article_tasks.ingest_job, "delay", lambda job_id, **kw: queued.append(job_id)
    )

    login(admin_user)
    page.goto(f"{live_server.url}/ingest/")
    marker = page.evaluate("window.stanceTrackerLoadedAt")
    page.fill("#id_html", HTML)
    page.click("#ingest-html-form button[type=submit]")
    page.wait_for_selector('#job-status[data-status="queued"]')
    screenshot("ingest-job-queued")
    loaded_at = page.evaluate("window.stanceTrackerLoadedAt")
    assert loaded_at != marker  # the form submit was a real navigation to the job page

    assert len(queued) == 1
    services.job_run(job_id=queued[0])

    page.wait_for_selector('#job-status[data-status="succeeded"]', timeout=15_000)
    assert page.evaluate("window.stanceTrackerLoadedAt") == loaded_at  # no reload: htmx polled
    assert IngestionJob.objects.get(pk=queued[0]).status == IngestionJob.Status.SUCCEEDED
    screenshot("ingest-job-succeeded")

    page.click("#job-article-link")
    page.wait_for_selector("h1")
    assert "Harbour tolls debated" in page.inner_text("h1")
    assert page.evaluate("window.pwned") is None
    screenshot("ingest-article")
