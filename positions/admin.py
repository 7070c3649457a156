from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Actor, ActorAlias, Statement, Topic
from .summaries import pairs_of, summaries_refresh_on_commit


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    fields = ["surface", "normalized"]
    extra = 0


@admin.register(Actor)
class ActorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "role", "affiliation", "country", "merged_into"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "role", "affiliation", "aliases__surface"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["merged_into"]
    inlines = [ActorAliasInline]


@admin.register(ActorAlias)
class ActorAliasAdmin(admin.ModelAdmin):
    list_display = ["surface", "normalized", "actor"]
    search_fields = ["surface", "normalized", "actor__name"]
    raw_id_fields = ["actor"]


@admin.register(Topic)
class TopicAdmin(SimpleHistoryAdmin):
    list_display = ["title", "slug", "question", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["title", "question", "description"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Statement)
class StatementAdmin(SimpleHistoryAdmin):
    list_display = [
        "short_quote",
        "actor",
        "topic",
        "stance",
        "confidence",
        "statement_date",
        "is_direct",
        "origin",
        "review_state",
        "needs_review",
    ]
    list_filter = ["topic", "stance", "review_state", "origin", "is_direct", "needs_review"]
    search_fields = ["quote", "speaker_mention", "actor__name", "article__title"]
    raw_id_fields = ["article", "actor", "reviewed_by"]
    date_hierarchy = "statement_date"
    list_select_related = ["actor", "topic"]

    # The analyst pages read stored summaries: an edit here refreshes the pairs it touched,
    # as the services do.
    def save_model(self, request, obj, form, change):
        before = set()
        if change:
            old = Statement.objects.filter(pk=obj.pk).values_list("actor_id", "topic_id").first()
            before = {old} if old else set()
        super().save_model(request, obj, form, change)
        summaries_refresh_on_commit(before | pairs_of([obj]))

    def delete_model(self, request, obj):
        pairs = pairs_of([obj])
        super().delete_model(request, obj)
        summaries_refresh_on_commit(pairs)

    def delete_queryset(self, request, queryset):
        pairs = set(queryset.values_list("actor_id", "topic_id").distinct())
        super().delete_queryset(request, queryset)
        summaries_refresh_on_commit(pairs)

    @admin.display(description="quote")
    def short_quote(self, obj: Statement) -> str:
        return obj.quote[:80] + ("…" if len(obj.quote) > 80 else "")
