"""The whole path: an article is ingested, its statements extracted, and a follower of the
topic is alerted once, even when extraction and the alerts task run again."""

import pytest

from alerts.models import Alert
from alerts.services import alerts_enqueue, follow_create
from articles import services as ingestion
from positions.models import Statement
from positions.services import extract_statements
from tests.factories import TopicFactory

pytestmark = pytest.mark.django_db

TEXT = (
    "title: Harbour ban debated\n\n"
    "'We must lift the ban on night shipping before the summer,' said Harbour Minister "
    "Oren Falk on Monday. The proposal goes to parliament next month."
)


def test_a_follower_of_the_topic_is_alerted_once(analyst, django_capture_on_commit_callbacks):
    topic = TopicFactory(
        slug="night-shipping",
        title="Night shipping",
        question="Should the ban on night shipping be lifted?",
        cue_phrases=["night shipping", "shipping ban", "ban on night shipping"],
        support_cues=["lift the ban"],
        oppose_cues=["keep the ban"],
    )
    follow_create(user=analyst, topic=topic)

    with django_capture_on_commit_callbacks(execute=True):
        job = ingestion.job_create_text(text=TEXT)
        ingestion.job_enqueue(job=job)
    job.refresh_from_db()
    on_topic = Statement.objects.filter(article=job.article, topic=topic)

    assert job.status == "succeeded", job.error
    assert on_topic.exists()
    alerts = Alert.objects.filter(user=analyst, kind=Alert.Kind.NEW_STATEMENT)
    assert set(alerts.values_list("statement_id", flat=True)) == set(
        on_topic.values_list("pk", flat=True)
    )

    # At-least-once delivery: extraction and the alerts task may run again.
    with django_capture_on_commit_callbacks(execute=True):
        statements = extract_statements(article=job.article)
        alerts_enqueue(statement_ids=[s.pk for s in statements])
    assert Alert.objects.filter(user=analyst).count() == alerts.count()
