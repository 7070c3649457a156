from django import template

from alerts.services import is_following

register = template.Library()


@register.simple_tag(takes_context=True)
def follow_state(context, actor=None, topic=None, query=""):
    """Whether the current user follows the actor, topic or saved search (one query)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return is_following(user=user, actor=actor or None, topic=topic or None, query=query or "")
