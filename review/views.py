"""The editors' workspace: review queue with inline edits, history, actors, tag a span.

Every view needs the editor role. Pages answer GET; every change is a POST (htmx or a
plain form) that goes through a service in positions.services, attributed to the editor.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from accounts.roles import editor_required
from articles.models import Article
from positions import services
from positions.models import Actor, ActorAlias, Stance, Statement, Topic

from .forms import ActorForm, AliasForm, MergeForm, QueueFilterForm, TagSpanForm
from .selectors import (
    CONTEXT_CHARS,
    actor_search,
    history_entries,
    review_queue,
    review_rows,
    review_rows_in_order,
)

PAGE_SIZE = 25
STANCE_KEYS = {"support": "s", "oppose": "o", "neutral": "n", "unrelated": "u"}
STANCES = [(value, label, STANCE_KEYS[value]) for value, label in Stance.choices]


def _is_partial(request) -> bool:
    return bool(request.htmx) and not request.htmx.history_restore_request


# --- Review queue -----------------------------------------------------------------------


class CappedPaginator(Paginator):
    """Counts at most COUNT_CAP rows: counting a million statements costs more than the
    page itself, and nobody pages that far (filters narrow the queue instead)."""

    COUNT_CAP = 10_000

    @cached_property
    def count(self) -> int:
        return self.object_list[: self.COUNT_CAP + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.COUNT_CAP

    def page(self, number):
        if not self.capped:
            return super().page(number)
        # The count stops at the cap, the rows do not: a page is always full when it can be.
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(self.object_list[bottom : bottom + self.per_page], number, self)


@editor_required
@require_GET
@vary_on_headers("HX-Request")
def queue(request):
    form = QueueFilterForm(request.GET or None)
    form.is_valid()  # an unknown value drops only its own filter
    filters = getattr(form, "cleaned_data", {})
    statements = review_queue(
        topic=filters.get("topic"),
        actor=filters.get("actor"),
        stance=filters.get("stance", ""),
        review_state=filters.get("review_state", ""),
        article_id=filters.get("article"),
    )
    page = CappedPaginator(statements.values_list("pk", flat=True), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": review_rows_in_order(page.object_list),
        "query": query.urlencode(),
        "topics": Topic.objects.all(),
        "selected_actor": filters.get("actor"),
        "stances": STANCES,
        "context_chars": CONTEXT_CHARS,
    }
    template = "review/queue.html#results" if _is_partial(request) else "review/queue.html"
    return render(request, template, context)


def _row(request, pk: int, *, editing: bool = False, error: str = ""):
    statement = get_object_or_404(review_rows(), pk=pk)
    context = {
        "s": statement,
        "editing": editing,
        "error": error,
        "stances": STANCES,
        "context_chars": CONTEXT_CHARS,
    }
    return render(request, "review/queue.html#row", context)


def _after_change(request, pk: int, *, editing: bool = False, error: str = ""):
    """htmx gets the fresh row; a plain form post goes back to the queue."""
    if request.htmx:
        return _row(request, pk, editing=editing, error=error)
    if error:
        messages.error(request, error)
    return redirect(f"{reverse('review:queue')}#stmt-{pk}")


@editor_required
@require_GET
def statement_row(request, pk: int):
    return _row(request, pk, editing=request.GET.get("mode") == "edit")


def _statement(pk: int) -> Statement:
    return get_object_or_404(Statement, pk=pk)


@editor_required
@require_POST
def statement_confirm(request, pk: int):
    services.statement_review(
        statement=_statement(pk), user=request.user, state=Statement.ReviewState.CONFIRMED
    )
    return _after_change(request, pk)


@editor_required
@require_POST
def statement_reject(request, pk: int):
    services.statement_review(
        statement=_statement(pk), user=request.user, state=Statement.ReviewState.REJECTED
    )
    return _after_change(request, pk)


@editor_required
@require_POST
def statement_stance(request, pk: int):
    stance = request.POST.get("stance", "")
    if stance not in Stance.values:
        return _after_change(request, pk, error="Choose a stance.")
    services.statement_review(
        statement=_statement(pk),
        user=request.user,
        state=Statement.ReviewState.CONFIRMED,
        stance=stance,
    )
    return _after_change(request, pk)


@editor_required
@require_POST
def statement_direct(request, pk: int):
    value = request.POST.get("is_direct")
    if value not in ("0", "1"):
        return _after_change(request, pk, error="Say whether the quote is direct.")
    services.statement_review(
        statement=_statement(pk),
        user=request.user,
        state=Statement.ReviewState.CONFIRMED,
        is_direct=value == "1",
    )
    return _after_change(request, pk, editing=request.POST.get("mode") == "edit")


@editor_required
@require_POST
def statement_actor(request, pk: int):
    try:
        actor = Actor.objects.active().get(pk=int(request.POST.get("actor", "")))
    except (ValueError, Actor.DoesNotExist):
        return _after_change(request, pk, editing=True, error="Choose an actor from the list.")
    services.statement_review(
        statement=_statement(pk),
        user=request.user,
        state=Statement.ReviewState.CONFIRMED,
        actor=actor,
    )
    return _after_change(request, pk, editing=True)


@editor_required
@require_POST
def statement_date(request, pk: int):
    raw = request.POST.get("statement_date", "").strip()
    try:
        value = dt.date.fromisoformat(raw) if raw else None
    except ValueError:
        return _after_change(request, pk, editing=True, error="Give the date as YYYY-MM-DD.")
    services.statement_set_date(statement=_statement(pk), user=request.user, statement_date=value)
    return _after_change(request, pk, editing=True)


@editor_required
@require_POST
def statement_tags(request, pk: int):
    tags = services.tags_parse(request.POST.get("tags", ""))
    services.statement_annotate(statement=_statement(pk), user=request.user, tags=tags)
    return _after_change(request, pk, editing=True)


@editor_required
@require_POST
def statement_note(request, pk: int):
    note = request.POST.get("note", "").strip()[:5000]
    services.statement_annotate(statement=_statement(pk), user=request.user, note=note)
    return _after_change(request, pk, editing=True)


# --- History ----------------------------------------------------------------------------


def _actor_labels(records, field: str) -> dict[int, str]:
    ids = {getattr(r, f"{field}_id") for r in records} - {None}
    return dict(Actor.objects.filter(pk__in=ids).values_list("pk", "name"))


@editor_required
@require_GET
def statement_history(request, pk: int):
    statement = get_object_or_404(
        Statement.objects.select_related("actor", "topic", "article"), pk=pk
    )
    records = list(statement.history.select_related("history_user"))
    labels = {
        "actor": _actor_labels(records, "actor"),
        "topic": dict(
            Topic.objects.filter(pk__in={r.topic_id for r in records}).values_list("pk", "title")
        ),
        "reviewed_by": dict(
            get_user_model()
            .objects.filter(pk__in={r.reviewed_by_id for r in records} - {None})
            .values_list("pk", "username")
        ),
    }
    entries = history_entries(
        records, excluded=("updated_at", "reviewed_at", "created_at"), labels=labels
    )
    return render(
        request, "review/statement_history.html", {"statement": statement, "entries": entries}
    )


# --- Actors -----------------------------------------------------------------------------


@editor_required
@require_GET
def actor_options(request):
    """<option>s for an actor select, filtered by ?q= (an hx-get; changes nothing)."""
    query = request.GET.get("q", "")[:100]
    actors = actor_search(query)
    selected = request.GET.get("selected", "")
    return render(
        request,
        "review/actor_options.html",
        {"actors": actors, "selected": selected, "blank": request.GET.get("blank") == "1"},
    )


@editor_required
@require_GET
@vary_on_headers("HX-Request")
def actor_list(request):
    query = request.GET.get("q", "")[:100]
    actors = Actor.objects.active().order_by("name")
    if query:
        actors = actors.filter(pk__in=[a.pk for a in actor_search(query, limit=200)])
    page = Paginator(actors, 50).get_page(request.GET.get("page"))
    template = "review/actor_list.html"
    if _is_partial(request):
        template += "#results"
    return render(request, template, {"page": page, "q": query})


@editor_required
@require_http_methods(["GET", "POST"])
def actor_create(request):
    form = ActorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actor = services.actor_create(
            name=data["name"],
            kind=data["kind"],
            role=data["role"],
            affiliation=data["affiliation"],
            country=data["country"],
            description=data["description"],
        )
        # actor_create takes no user: simple_history's request middleware attributes it.
        messages.success(request, f"Created {actor.name}.")
        return redirect("review:actor_edit", pk=actor.pk)
    return render(request, "review/actor_form.html", {"form": form})


def _actor_page(request, actor: Actor, **extra):
    records = list(actor.history.select_related("history_user"))
    labels = {"merged_into": _actor_labels(records, "merged_into")}
    context = {
        "actor": actor,
        "form": ActorForm(instance=actor),
        "alias_form": AliasForm(),
        "merge_form": MergeForm(),
        "aliases": list(actor.aliases.all()),
        "statement_count": actor.statements.count(),
        "entries": history_entries(records, excluded=("updated_at", "created_at"), labels=labels),
        **extra,
    }
    return render(request, "review/actor_edit.html", context)


@editor_required
@require_http_methods(["GET", "POST"])
def actor_edit(request, pk: int):
    actor = get_object_or_404(Actor.objects.select_related("merged_into"), pk=pk)
    if request.method == "POST":
        form = ActorForm(request.POST, instance=Actor.objects.get(pk=pk))
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in ActorForm.Meta.fields}
            services.actor_update(actor=actor, user=request.user, **fields)
            messages.success(request, "Saved.")
            return redirect("review:actor_edit", pk=actor.pk)
        return _actor_page(request, actor, form=form)
    return _actor_page(request, actor)


def _aliases_response(request, actor: Actor, form: AliasForm | None = None):
    if not request.htmx:
        if form is not None and form.errors:
            messages.error(request, "; ".join(form.errors.get("surface", [])))
        return redirect("review:actor_edit", pk=actor.pk)
    context = {
        "actor": actor,
        "aliases": list(actor.aliases.all()),
        "alias_form": form or AliasForm(),
    }
    return render(request, "review/actor_edit.html#aliases", context)


@editor_required
@require_POST
def actor_alias_add(request, pk: int):
    actor = get_object_or_404(Actor, pk=pk)
    form = AliasForm(request.POST)
    if form.is_valid():
        alias = services.actor_add_alias_by_editor(
            actor=actor, user=request.user, surface=form.cleaned_data["surface"]
        )
        if alias is None:
            form.add_error("surface", "That alias has no letters or digits.")
        else:
            form = None
    return _aliases_response(request, actor, form)


@editor_required
@require_POST
def actor_alias_remove(request, pk: int, alias_pk: int):
    actor = get_object_or_404(Actor, pk=pk)
    alias = get_object_or_404(ActorAlias, pk=alias_pk, actor=actor)
    services.actor_remove_alias(alias=alias, user=request.user)
    return _aliases_response(request, actor)


@editor_required
@require_POST
def actor_merge(request, pk: int):
    source = get_object_or_404(Actor, pk=pk)
    form = MergeForm(request.POST)
    error = ""
    if not form.is_valid():
        error = "Choose the actor to merge into."
    else:
        try:
            services.actor_merge_by_editor(
                source=source, target=form.cleaned_data["target"], user=request.user
            )
        except ValueError as exc:
            error = str(exc)
    if error:
        if request.htmx:
            return render(
                request,
                "review/actor_edit.html#merge",
                {"actor": source, "merge_form": form, "merge_error": error},
            )
        messages.error(request, error)
        return redirect("review:actor_edit", pk=source.pk)
    target = form.cleaned_data["target"]
    messages.success(request, f"Merged {source.name} into {target.name}.")
    url = reverse("review:actor_edit", kwargs={"pk": target.pk})
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


# --- Tag a span -------------------------------------------------------------------------


@editor_required
@require_http_methods(["GET", "POST"])
def tag_span(request, pk: int):
    article = get_object_or_404(Article.objects.select_related("outlet"), pk=pk)
    if request.method == "POST":
        form = TagSpanForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                statement = services.statement_create_by_editor(
                    article=article,
                    user=request.user,
                    start=data["start"],
                    end=data["end"],
                    quote=data["quote"],
                    actor=data["actor"],
                    topic=data["topic"],
                    stance=data["stance"],
                    is_direct=data["is_direct"],
                    statement_date=data["statement_date"],
                    speaker_mention=data["speaker_mention"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, "Statement tagged.")
                url = reverse("review:tag_span", kwargs={"pk": article.pk})
                return redirect(f"{url}#tagged-{statement.pk}")
        status = 400
    else:
        form = TagSpanForm(initial={"statement_date": article.published_date, "is_direct": True})
        status = 200
    selected_actor = None
    if form.is_bound and form.data.get("actor", "").isdigit():
        selected_actor = Actor.objects.filter(pk=form.data["actor"]).first()
    existing = list(article.statements.select_related("actor", "topic").order_by("start", "end"))
    context = {
        "article": article,
        "form": form,
        "segments": _segments(article.text, existing),
        "existing": existing,
        "selected_actor": selected_actor,
    }
    return render(request, "review/tag_span.html", context, status=status)


def _segments(text: str, statements) -> list[tuple[str, Statement | None]]:
    """The article text cut into plain runs and tagged spans (overlaps shown once)."""
    segments: list[tuple[str, Statement | None]] = []
    pos = 0
    for statement in statements:
        if statement.start < pos or statement.end > len(text):
            continue
        if statement.start > pos:
            segments.append((text[pos : statement.start], None))
        segments.append((text[statement.start : statement.end], statement))
        pos = statement.end
    if pos < len(text):
        segments.append((text[pos:], None))
    return segments
