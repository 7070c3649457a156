"""Edits that change analyst pages without refreshing a summary bump every topic's data
version (positions/pagecache.py). Actors and aliases are few and rarely edited; statements
are not handled here: every service that changes one refreshes its summary, which bumps
its topic."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Actor, ActorAlias, Topic
from .pagecache import topics_changed_on_commit


@receiver(post_save, sender=Actor)
def actor_saved(sender, instance, created, raw=False, **kwargs):
    # A new actor has no statements yet: no page shows it until one is stored.
    if not created and not raw:
        topics_changed_on_commit(None)


@receiver(post_delete, sender=Actor)
@receiver(post_save, sender=ActorAlias)
@receiver(post_delete, sender=ActorAlias)
def actor_names_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        topics_changed_on_commit(None)


@receiver(post_save, sender=Topic)
def topic_saved(sender, instance, created, raw=False, **kwargs):
    # Its title and question show on its pages; the version itself is bumped by UPDATE,
    # which sends no signal.
    if not created and not raw:
        topics_changed_on_commit([instance.pk])
