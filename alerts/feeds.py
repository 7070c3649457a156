"""A private Atom feed of a user's alerts. The secret token in the URL is the only
credential (feed readers cannot log in); resetting it on the "what's new" page revokes
old links."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from . import services
from .models import Alert

FEED_SIZE = 50


class AlertFeed(Feed):
    feed_type = Atom1Feed
    title = "Stance Tracker alerts"
    subtitle = "New statements and shifts from the actors, topics and searches you follow."

    def get_object(self, request, token):
        user = services.user_for_feed_token(token)
        if user is None:
            raise Http404("No such feed.")
        return user

    def link(self, user):
        return reverse("alerts:whats_new")

    def items(self, user):
        return services.alerts_for(user)[:FEED_SIZE]

    def item_title(self, alert: Alert):
        statement = alert.statement
        who = statement.actor.name if statement.actor else statement.speaker_mention or "Unknown"
        topic = statement.topic.title if statement.topic else "no topic"
        if alert.kind == Alert.Kind.SHIFT:
            before = alert.before_statement.stance if alert.before_statement else "?"
            return f"Shift: {who} on {topic}: {before} → {statement.stance}"
        return f"{who} on {topic}: {statement.stance}"

    def item_description(self, alert: Alert):
        statement = alert.statement
        outlet = statement.article.outlet.name if statement.article.outlet else ""
        date = statement.statement_date.isoformat() if statement.statement_date else ""
        return f"“{statement.quote}” — {outlet} {date}".strip()

    def item_link(self, alert: Alert):
        return f"{reverse('alerts:whats_new')}#alert-{alert.pk}"

    def item_guid(self, alert: Alert):
        return f"stance-tracker-alert-{alert.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, alert: Alert):
        return alert.created_at

    def item_updateddate(self, alert: Alert):
        return alert.created_at
