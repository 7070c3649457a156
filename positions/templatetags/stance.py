"""`{% stance_badge value [label] %}`: what includes/stance_badge.html renders, without the
cost of an include (the overview and shift lists draw hundreds of badges)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.text import capfirst

register = template.Library()


@register.simple_tag
def stance_badge(value, label=None):
    if not value:
        return format_html('<span class="muted">—</span>')
    return format_html(
        '<span class="badge stance-{}">{}</span>', value, capfirst(str(label or value))
    )
