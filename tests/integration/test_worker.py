"""Tasks travel through Redis to a real Celery worker process and change PostgreSQL."""

import pytest

from articles import services
from articles.models import Article, IngestionJob
from tests.integration.conftest import wait_for

pytestmark = pytest.mark.django_db(transaction=True)


def _finished(pk: int) -> IngestionJob | None:
    job = IngestionJob.objects.get(pk=pk)
    return job if job.is_finished else None


def test_a_pasted_text_job_is_run_by_the_worker(celery_worker):
    text = (
        "Harbour officials met on Monday. 'We will keep the harbour open to every ship,' "
        "said Mara Lindqvist, the harbour master, after the meeting."
    )
    job = services.job_create_text(text=text)
    services.job_enqueue(job=job)

    done = wait_for(lambda: _finished(job.pk))

    assert done.status == IngestionJob.Status.SUCCEEDED, done.error
    assert done.attempts >= 1
    assert Article.objects.get(pk=done.article_id).text == text


def test_a_batch_of_fifty_articles_all_succeed(celery_worker):
    files = [
        (
            f"story-{n}.txt",
            (
                f"Story {n}. The council of district {n} voted on the ferry budget. "
                f"'Budget number {n} is final,' said councillor Number{n}."
            ).encode(),
        )
        for n in range(50)
    ]
    batch = services.batch_create_from_files(source="fifty stories", files=files)
    services.batch_enqueue(batch=batch)

    done = wait_for(lambda: _finished(batch.pk), timeout=240)

    children = IngestionJob.objects.filter(parent=batch)
    assert children.count() == 50
    assert set(children.values_list("status", flat=True)) == {IngestionJob.Status.SUCCEEDED}
    assert done.status == IngestionJob.Status.SUCCEEDED
    assert done.progress == 100
    assert Article.objects.filter(ingestionjob__parent=batch).distinct().count() == 50
