from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q


class Follow(models.Model):
    """A user follows exactly one of: an actor, a topic, or a saved search (a query string
    of statement filters, as in the search and export URLs)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    actor = models.ForeignKey(
        "positions.Actor", null=True, blank=True, on_delete=models.CASCADE, related_name="followers"
    )
    topic = models.ForeignKey(
        "positions.Topic", null=True, blank=True, on_delete=models.CASCADE, related_name="followers"
    )
    query = models.CharField(max_length=2000, blank=True, help_text="Saved search filters.")
    label = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(actor__isnull=False, topic__isnull=True, query="")
                    | Q(actor__isnull=True, topic__isnull=False, query="")
                    | (Q(actor__isnull=True, topic__isnull=True) & ~Q(query=""))
                ),
                name="follow_exactly_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "actor"],
                condition=Q(actor__isnull=False),
                name="follow_unique_actor",
            ),
            models.UniqueConstraint(
                fields=["user", "topic"],
                condition=Q(topic__isnull=False),
                name="follow_unique_topic",
            ),
            models.UniqueConstraint(
                fields=["user", "query"], condition=~Q(query=""), name="follow_unique_query"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} follows {self.target_label}"

    @property
    def kind(self) -> str:
        if self.actor_id:
            return "actor"
        if self.topic_id:
            return "topic"
        return "search"

    @property
    def target_label(self) -> str:
        if self.actor_id:
            return str(self.actor)
        if self.topic_id:
            return str(self.topic)
        return self.label or f"search: {self.query}"


class Alert(models.Model):
    class Kind(models.TextChoices):
        NEW_STATEMENT = "new_statement", "New statement"
        SHIFT = "shift", "Shift"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alerts"
    )
    statement = models.ForeignKey(
        "positions.Statement", on_delete=models.CASCADE, related_name="alerts"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    # For a shift: the statement the actor's position shifted from.
    before_statement = models.ForeignKey(
        "positions.Statement", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # What made the alert: "actor", "topic" or "search" (the first matching follow).
    reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Set when an e-mail digest claimed the alert, so it is mailed once.
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "statement", "kind"], name="alert_once_per_statement"
            ),
        ]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="alert_user_recent"),
            models.Index(
                fields=["user", "created_at"],
                condition=Q(emailed_at__isnull=True),
                name="alert_user_not_emailed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.user}: {self.statement_id}"


def _new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class AlertSettings(models.Model):
    """One row per user, made on demand."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alert_settings"
    )
    # The secret in the private Atom feed's URL; reset it to revoke old feed links.
    feed_token = models.CharField(max_length=64, unique=True, default=_new_feed_token)
    email_digest = models.BooleanField(default=True)
    last_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "alert settings"

    def __str__(self) -> str:
        return f"Alert settings of {self.user}"
