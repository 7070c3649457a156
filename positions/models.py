from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from simple_history.models import HistoricalRecords


class Stance(models.TextChoices):
    """DESIGN §3: the stance of a statement on a topic's question."""

    SUPPORT = "support", "Support"
    OPPOSE = "oppose", "Oppose"
    NEUTRAL = "neutral", "Neutral"
    UNRELATED = "unrelated", "Unrelated"


class ActorQuerySet(models.QuerySet):
    def active(self):
        return self.filter(merged_into__isnull=True)


class Actor(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANISATION = "organisation", "Organisation"
        GOVERNMENT = "government", "Government"
        COUNTRY = "country", "Country"
        GROUP = "group", "Group of people"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PERSON)
    role = models.CharField(max_length=200, blank=True, help_text="Title or function.")
    affiliation = models.CharField(max_length=200, blank=True)
    country = models.CharField(max_length=100, blank=True)
    description = models.TextField(blank=True)
    # Set when this actor was merged into another; its statements and aliases moved there.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = ActorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["name"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(merged_into=F("pk")), name="actor_not_merged_into_self"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ActorAlias(models.Model):
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    surface = models.CharField(max_length=300, help_text="As written in articles.")
    # Lower-cased, accents and punctuation folded: what matching compares.
    normalized = models.CharField(max_length=300, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["surface"]
        verbose_name_plural = "actor aliases"
        constraints = [
            models.UniqueConstraint(fields=["actor", "normalized"], name="alias_unique_per_actor"),
            models.CheckConstraint(condition=~Q(normalized=""), name="alias_not_blank"),
        ]

    def __str__(self) -> str:
        return self.surface


class Topic(models.Model):
    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=200)
    question = models.CharField(max_length=500)
    description = models.TextField(blank=True)
    # Phrases that show a passage is about this topic, and phrases that lean it one way.
    cue_phrases = models.JSONField(default=list, blank=True)
    support_cues = models.JSONField(default=list, blank=True)
    oppose_cues = models.JSONField(default=list, blank=True)
    neutral_cues = models.JSONField(default=list, blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Bumped whenever anything an analyst page shows about this topic changes (see
    # positions/pagecache.py): cached page fragments are keyed on it.
    data_version = models.PositiveBigIntegerField(default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["data_version"])

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        # The version only ever grows, by UPDATE (pagecache.topics_changed): saving an
        # instance read before a bump must not write its older version back.
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name != "data_version"
            ]
        super().save(*args, **kwargs)


class StatementQuerySet(models.QuerySet):
    def on_topic(self, topic):
        return self.filter(topic=topic)

    def by_actor(self, actor):
        return self.filter(actor=actor)

    def with_stance(self):
        """Statements that take a position (or explicitly none) on their topic."""
        return self.exclude(stance=Stance.UNRELATED)

    def counted(self):
        """What timelines count: not rejected, not a copy of a near-duplicate article."""
        return self.exclude(review_state=Statement.ReviewState.REJECTED).filter(
            article__near_duplicate_of__isnull=True
        )

    def untouched_by_editors(self):
        # Tags and notes are editors' work too, even when they left the review state alone.
        return self.filter(
            origin=Statement.Origin.MACHINE,
            review_state=Statement.ReviewState.UNREVIEWED,
            tags=[],
            note="",
        )


def review_state_rank() -> models.Case:
    """The review queue's order of states: unreviewed, then confirmed (or corrected), then
    rejected. One definition for the queue's ORDER BY and the index that serves it."""
    return models.Case(
        models.When(review_state="unreviewed", then=models.Value(0)),
        models.When(review_state="rejected", then=models.Value(2)),
        default=models.Value(1),
        output_field=models.IntegerField(),
    )


# The review queue's order: flagged first, then by state, least confident, newest.
REVIEW_QUEUE_ORDER = (
    F("needs_review").desc(),
    review_state_rank().asc(),
    F("confidence").asc(),
    F("created_at").desc(),
    F("id").desc(),
)


class Statement(models.Model):
    class Origin(models.TextChoices):
        MACHINE = "machine", "Machine"
        EDITOR = "editor", "Editor"

    class ReviewState(models.TextChoices):
        UNREVIEWED = "unreviewed", "Unreviewed"
        CONFIRMED = "confirmed", "Confirmed"
        CORRECTED = "corrected", "Corrected"
        REJECTED = "rejected", "Rejected"

    class DatePrecision(models.TextChoices):
        DAY = "day", "Day"
        MONTH = "month", "Month"
        YEAR = "year", "Year"
        UNKNOWN = "unknown", "Unknown"

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="statements"
    )
    # [start, end) into article.text; quote == article.text[start:end].
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    quote = models.TextField()
    is_direct = models.BooleanField(default=True)
    speaker_mention = models.CharField(max_length=300, blank=True)
    cue_verb = models.CharField(max_length=50, blank=True)
    actor = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.PROTECT, related_name="statements"
    )
    attribution_confidence = models.FloatField(default=1.0)
    statement_date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=8, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.PROTECT, related_name="statements"
    )
    stance = models.CharField(max_length=10, choices=Stance.choices, default=Stance.UNRELATED)
    stance_score = models.FloatField(default=0.0, help_text="-1 oppose … +1 support")
    confidence = models.FloatField(default=0.0)
    needs_review = models.BooleanField(
        default=False, help_text="Flagged for editors: low-confidence attribution or stance."
    )
    origin = models.CharField(max_length=8, choices=Origin.choices, default=Origin.MACHINE)
    review_state = models.CharField(
        max_length=10, choices=ReviewState.choices, default=ReviewState.UNREVIEWED
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    tags = models.JSONField(default=list, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = StatementQuerySet.as_manager()

    class Meta:
        ordering = ["statement_date", "article_id", "start"]
        indexes = [
            models.Index(fields=["topic", "actor", "statement_date"], name="stmt_topic_actor_date"),
            models.Index(fields=["actor", "statement_date"], name="stmt_actor_date"),
            # Serves the review queue's first pages without sorting every statement.
            models.Index(*REVIEW_QUEUE_ORDER, name="stmt_review_queue_order"),
            models.Index(fields=["article", "start"], name="stmt_article_span"),
            # Covering (PostgreSQL): a long timeline's chart is aggregated by an index-only scan.
            models.Index(
                fields=["topic", "actor", "statement_date"],
                include=["id", "stance", "stance_score", "review_state", "is_direct", "article"],
                name="stmt_topic_actor_cover",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="stmt_span_not_empty"),
            models.CheckConstraint(
                condition=Q(end=F("start") + Length("quote")), name="stmt_span_matches_quote"
            ),
            models.CheckConstraint(
                condition=Q(stance_score__gte=-1.0, stance_score__lte=1.0),
                name="stmt_score_in_range",
            ),
            models.CheckConstraint(
                condition=Q(confidence__gte=0.0, confidence__lte=1.0),
                name="stmt_confidence_in_range",
            ),
            models.CheckConstraint(
                condition=Q(attribution_confidence__gte=0.0, attribution_confidence__lte=1.0),
                name="stmt_attribution_confidence_in_range",
            ),
            models.CheckConstraint(condition=Q(stance__in=Stance.values), name="stmt_stance_valid"),
            models.UniqueConstraint(
                fields=["article", "start", "end", "topic"], name="stmt_unique_span_per_topic"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor or self.speaker_mention}: {self.quote[:60]}"

    @property
    def touched_by_editor(self) -> bool:
        return (
            self.origin == self.Origin.EDITOR
            or self.review_state != self.ReviewState.UNREVIEWED
            or bool(self.tags)
            or bool(self.note)
        )


class Shift(models.Model):
    """A stored shift of an actor's derived position on a topic (timeline.detect_shifts over
    the actor's counted statements): rebuilt by services.summaries_refresh, never edited."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="shifts")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="shifts")
    before_statement = models.ForeignKey(
        Statement, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    after_statement = models.ForeignKey(
        Statement, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    from_position = models.CharField(max_length=10)
    to_position = models.CharField(max_length=10)
    before_date = models.DateField()
    after_date = models.DateField()
    # The recency-weighted mean score right after the shift (for the chart's step line).
    mean = models.FloatField(default=0.0)

    class Meta:
        ordering = ["-after_date", "-after_statement_id"]
        indexes = [
            models.Index(
                fields=["topic", "-after_date", "-after_statement"], name="shift_topic_date"
            ),
            models.Index(fields=["actor", "topic", "after_date"], name="shift_actor_topic"),
            models.Index(fields=["before_statement"], name="shift_before_stmt"),
            models.Index(fields=["after_statement"], name="shift_after_stmt"),
        ]

    def __str__(self) -> str:
        return f"{self.actor_id}/{self.topic_id}: {self.from_position} → {self.to_position}"


class ActorTopicSummary(models.Model):
    """One actor's counted statements on one topic, summarised for the topic overview:
    derived current position, number of statements, first/last date and latest shift.
    Rebuilt by services.summaries_refresh whenever counted statements change."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="topic_summaries")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="actor_summaries")
    position = models.CharField(max_length=10, blank=True)
    # The recency-weighted mean score the position was read from.
    position_score = models.FloatField(null=True, blank=True)
    # 0 = support, 1 = neutral, 2 = oppose, 9 = none (the overview's "position" sort).
    position_rank = models.PositiveSmallIntegerField(default=9)
    statement_count = models.PositiveIntegerField(default=0)
    first_date = models.DateField(null=True, blank=True)
    last_date = models.DateField(null=True, blank=True)
    shift_count = models.PositiveIntegerField(default=0)
    latest_shift = models.ForeignKey(
        Shift, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    latest_shift_date = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "actor topic summaries"
        constraints = [
            models.UniqueConstraint(fields=["actor", "topic"], name="summary_unique_actor_topic")
        ]
        indexes = [
            models.Index(fields=["topic", "-statement_count", "actor"], name="summary_topic_count"),
            models.Index(fields=["topic", "position_rank"], name="summary_topic_position"),
            # More in migration 0004 (PostgreSQL: NULLS FIRST/LAST orders SQLite cannot index).
        ]

    def __str__(self) -> str:
        return f"{self.actor_id}/{self.topic_id}: {self.position or '—'} ({self.statement_count})"


class ActorTopicMonth(models.Model):
    """One month of an actor's counted, stance-taking statements on a topic, per stance
    (month NULL: the undated ones): what a long timeline's chart draws when unfiltered.
    Rebuilt with the summaries by services.summaries_refresh."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="+")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="+")
    month = models.DateField(null=True, blank=True)
    stance = models.CharField(max_length=10, choices=Stance.choices)
    statement_count = models.PositiveIntegerField(default=0)
    score_sum = models.FloatField(default=0.0)
    # The latest statement of the month (what a click on the chart opens), and its date.
    last_statement_id = models.BigIntegerField()
    last_date = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["actor", "topic", "month"], name="month_actor_topic"),
        ]

    def __str__(self) -> str:
        return f"{self.actor_id}/{self.topic_id} {self.month}: {self.stance}"
