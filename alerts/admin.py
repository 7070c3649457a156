from django.contrib import admin

from .models import Alert, AlertSettings, Follow


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ["user", "actor", "topic", "query", "created_at"]
    list_select_related = ["user", "actor", "topic"]
    raw_id_fields = ["actor"]


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "statement", "created_at", "read_at", "emailed_at"]
    list_filter = ["kind"]
    list_select_related = ["user", "statement"]
    raw_id_fields = ["statement", "before_statement"]


@admin.register(AlertSettings)
class AlertSettingsAdmin(admin.ModelAdmin):
    list_display = ["user", "email_digest", "last_digest_at"]
    readonly_fields = ["feed_token"]
