"""Analyst pages: topic overview, actor timeline, shifts, compare, search, article, actors.

One view and one template per page. Filters and paging are GET forms that htmx submits with
`hx-push-url`, so the URL always holds the filters; when the request comes from htmx the view
renders only the page's `results` partial. Nothing here changes data.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from accounts.roles import analyst_required
from articles.models import Article, Outlet

from . import pagecache, selectors
from .models import Actor, ActorTopicSummary, Stance, Statement, Topic
from .selectors import SPEECH_CHOICES, StatementFilters
from .timeline import POSITIONS

PAGE_SIZE = 25
OVERVIEW_PAGE_SIZE = 50
MAX_COMPARE = 6
COMPARE_SHIFTS_SHOWN = 12  # the newest; the shifts page lists every one
STANCE_CHOICES = [(s.value, s.label) for s in Stance if s != Stance.UNRELATED]
POSITION_CHOICES = [(p, p.capitalize()) for p in POSITIONS]


def analyst_page(view):
    """Every analyst page: GET only, analyst role, and cached apart for htmx requests."""
    return require_GET(vary_on_headers("HX-Request")(analyst_required(view)))


def _template(request, name: str, partial: str = "results") -> str:
    """The whole page, or only its partial when htmx is swapping that region."""
    # A history-restore request (Back after a pushed URL, cache miss) needs the whole page.
    if request.htmx and not request.htmx.boosted and not request.htmx.history_restore_request:
        return f"{name}#{partial}"
    return name


def _cached_results(
    request,
    page: str,
    topics: list,
    template: str,
    results_context,
    outer,
    *,
    frame: dict | None = None,
) -> HttpResponse:
    """The page from the page cache: its `results` partial (rendered from
    `results_context()` on a miss) inside its `content` partial (from `outer`, the rest of
    the content's context: a dict, or a function that makes it). An htmx swap gets the
    results alone. The frame around them (title, navigation, scripts) is rendered for each
    request, from `frame` (by default the actor and topic of `outer`): it holds the user's
    name, the CSRF token and the CSP nonce."""

    def results() -> str:
        return pagecache.fragment(
            page,
            request,
            topics,
            lambda: render_to_string(f"{template}#results", results_context(), request),
        )

    if _template(request, template) != template:
        return HttpResponse(results())

    def content() -> str:
        rest = outer() if callable(outer) else outer
        return render_to_string(f"{template}#content", {**rest, "results_html": results()}, request)

    html = pagecache.fragment(f"{page}-content", request, topics, content)
    if frame is None:
        frame = {key: outer[key] for key in ("actor", "topic") if key in outer}
    return render(request, template, {**frame, "content_html": html})


EXPORT_ROUTES = ("positions:export_{fmt}", "api:export_{fmt}")


def export_links(filters: StatementFilters) -> dict[str, str]:
    """Links to the CSV/JSON exports of the same filters, when those routes exist (the
    exports read the same GET parameters through StatementFilters)."""
    links = {}
    query = filters.querystring()
    for fmt in ("csv", "json"):
        for route in EXPORT_ROUTES:
            try:
                url = reverse(route.format(fmt=fmt))
            except NoReverseMatch:
                continue
            links[fmt] = f"{url}?{query}" if query else url
            break
    return links


def _page(request, items, size: int = PAGE_SIZE, number=None):
    paginator = Paginator(items, size)
    return paginator.get_page(number if number is not None else request.GET.get("page"))


def _evidence(page_obj) -> list[dict]:
    rows = []
    for statement in selectors.attach_context(list(page_obj.object_list)):
        before, after = selectors.context_parts(
            getattr(statement, "ctx_before", ""), getattr(statement, "ctx_after", "")
        )
        rows.append({"s": statement, "before": before, "after": after})
    return rows


# Every analyst page lists the topics; their cue lists are for extraction only.
TOPIC_CUE_FIELDS = ("cue_phrases", "support_cues", "oppose_cues", "neutral_cues")


def _topics():
    return list(Topic.objects.filter(is_active=True).defer(*TOPIC_CUE_FIELDS).order_by("title"))


# ---------------------------------------------------------------------------------------
# Topic overview (home)
# ---------------------------------------------------------------------------------------

OVERVIEW_SORT_CHOICES = [
    ("-count", "Most statements"),
    ("name", "Name"),
    ("position", "Position"),
    ("-last", "Latest statement"),
    ("first", "Earliest statement"),
    ("-shift", "Latest shift"),
]


@analyst_page
def home(request):
    topics = _topics()
    if not topics:
        return render(request, "positions/home.html", {"topics": topics})
    return _topic_page(request, topics[0], topics)


@analyst_page
def topic_detail(request, slug: str):
    topic = get_object_or_404(Topic, slug=slug)
    return _topic_page(request, topic, _topics())


def _topic_page(request, topic: Topic, topics: list[Topic]):
    filters = StatementFilters.from_query(request.GET)
    kind = request.GET.get("kind", "")
    kind = kind if kind in Actor.Kind.values else ""
    position = request.GET.get("position", "")
    position = position if position in POSITIONS else ""
    sort = request.GET.get("sort", "-count")
    sort = sort if sort in dict(OVERVIEW_SORT_CHOICES) else "-count"
    place = request.GET.get("place", "").strip()[:100]
    outer = {
        "topic": topic,
        "topics": topics,
        "filters": filters,
        "kind": kind,
        "place": place,
        "position": position,
        "sort": sort,
        "kind_choices": Actor.Kind.choices,
        "position_choices": POSITION_CHOICES,
        "sort_choices": OVERVIEW_SORT_CHOICES,
    }

    def results_context() -> dict:
        overview = selectors.topic_overview(
            topic,
            kind=kind,
            place=place,
            position=position,
            date_from=filters.date_from,
            date_to=filters.date_to,
            sort=sort,
            lazy_shifts=True,
        )
        rows = overview.rows
        page_obj = _page(request, rows, size=OVERVIEW_PAGE_SIZE)
        if not isinstance(rows, selectors.SummaryRows):
            selectors.load_latest_shifts(page_obj.object_list, topic)
        counts = [(p, label, overview.counts.get(p, 0)) for p, label in POSITION_CHOICES]
        return {
            **outer,
            "rows": page_obj.object_list,
            "page_obj": page_obj,
            "recent_shifts": overview.recent_shifts,
            "counts": counts,
            "export": export_links(filters.replace(topic=topic.slug)),
        }

    return _cached_results(
        request, "topic", [topic], "positions/topic.html", results_context, outer
    )


# ---------------------------------------------------------------------------------------
# Actors
# ---------------------------------------------------------------------------------------


@analyst_page
def actor_list(request):
    q = request.GET.get("q", "").strip()[:100]
    kind = request.GET.get("kind", "")
    kind = kind if kind in Actor.Kind.values else ""
    page_obj = _page(request, selectors.actors_matching(q, kind=kind), size=50)
    counts = selectors.statement_counts(a.pk for a in page_obj.object_list)
    for actor in page_obj.object_list:
        actor.n_statements, actor.last_date = counts.get(actor.pk, (0, None))
    context = {"page_obj": page_obj, "q": q, "kind": kind, "kind_choices": Actor.Kind.choices}
    return render(request, _template(request, "positions/actor_list.html"), context)


def _actor_topic(request, actor: Actor, topics: list[Topic]) -> Topic | None:
    slug = request.GET.get("topic", "")
    for topic in topics:
        if topic.slug == slug:
            return topic
    if slug:
        topic = Topic.objects.filter(slug=slug).first()
        if topic is not None:
            return topic
    # The topic this actor said most about, else the first active topic.
    summary = (
        ActorTopicSummary.objects.filter(actor=actor)
        .order_by("-statement_count", "topic_id")
        .values("topic_id")
        .first()
    )
    most = summary or (
        Statement.objects.counted()
        .with_stance()
        .filter(actor=actor, topic__isnull=False)
        .values("topic_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    if most:
        for topic in topics:
            if topic.pk == most["topic_id"]:
                return topic
        return Topic.objects.filter(pk=most["topic_id"]).first()
    return topics[0] if topics else None


@analyst_page
def actor_detail(request, slug: str):
    actor = get_object_or_404(Actor, slug=slug)
    if actor.merged_into_id:
        target = actor.merged_into
        query = request.GET.urlencode()
        url = reverse("positions:actor", args=[target.slug])
        return redirect(f"{url}?{query}" if query else url)
    topics = _topics()
    topic = _actor_topic(request, actor, topics)
    filters = StatementFilters.from_query(request.GET).replace(
        topic=topic.slug if topic else "", actors=[actor.slug], outlet="", q=""
    )
    page_context = {
        "actor": actor,
        "topic": topic,
        "topics": topics,
        "filters": filters,
        "stance_choices": STANCE_CHOICES,
        "speech_choices": SPEECH_CHOICES,
    }

    def results_context() -> dict:
        # Filter on the actor's id rather than a join on its slug: PostgreSQL then estimates a
        # busy actor's rows from the statistics of actor_id.
        statements = (
            selectors.statements_filtered(
                filters.replace(actors=[], topic=""),
                base=Statement.objects.filter(actor_id=actor.pk, topic_id=topic.pk),
            )
            if topic
            else Statement.objects.none()
        )
        evidence_qs = statements.order_by(*selectors.NEWEST_FIRST)
        page_number = request.GET.get("page")
        focus = request.GET.get("focus", "")
        if focus.isdigit():
            # Open the page holding that statement (a click on a chart point not on this page).
            target = statements.filter(pk=int(focus)).values("statement_date", "id").first()
            if target and target["statement_date"]:
                newer = statements.filter(statement_date__gt=target["statement_date"]).count()
                newer += statements.filter(
                    statement_date=target["statement_date"], id__gt=target["id"]
                ).count()
                page_number = newer // PAGE_SIZE + 1
        summary = selectors.summaries_for(topic, [actor.pk]).get(actor.pk) if topic else None
        chart = None
        current = None
        shift_rows = []
        if summary is not None and summary.statement_count > selectors.CHART_POINTS_MAX:
            # A long history: the chart aggregates by period in SQL, the step line and shifts
            # come from the stored shifts, and the evidence list's total from the chart's counts
            # (no COUNT over every statement).
            span = (filters.date_from or summary.first_date, filters.date_to or summary.last_date)
            if selectors.uses_stored_buckets(filters.replace(topic="", actors=[]), span):
                buckets = selectors.stored_buckets(topic, [actor.pk])
            else:
                buckets = selectors.timeline_buckets(statements, span=span)
            paginator = Paginator(evidence_qs, PAGE_SIZE)
            paginator.count = buckets.total
            page_obj = paginator.get_page(page_number)
            stored = list(selectors.stored_shifts(topic, actor, bare=True))
            steps = _clip(
                selectors.steps_from_shifts(summary, stored, date_to=filters.date_to),
                filters.date_from,
            )
            # The page shows the newest few with their quotes: only those are loaded (a query).
            shift_rows = selectors.shift_rows_in_range(
                stored, topic, actor, date_from=filters.date_from, date_to=filters.date_to
            )
            if steps:
                last_date = summary.last_date
                if filters.date_to and last_date and last_date > filters.date_to:
                    last_date = filters.date_to
                current = selectors.timeline.PositionStep(
                    date=last_date,
                    position=steps[-1].position if filters.date_to else summary.position,
                    statement_id=steps[-1].statement_id,
                    mean=steps[-1].mean,
                )
            chart = {
                "points": buckets.points,
                "steps": selectors.steps_data(steps),
                "series": [{"id": actor.pk, "name": actor.name}],
                "from": filters.date_from.isoformat() if filters.date_from else None,
                "to": filters.date_to.isoformat() if filters.date_to else None,
                "aggregated": buckets.period,
                "total": buckets.total,
            }
        elif topic is None:
            page_obj = _page(request, evidence_qs, number=page_number)
        else:
            points, total = selectors.timeline_points_and_total(statements)
            paginator = Paginator(evidence_qs, PAGE_SIZE)
            paginator.count = total  # counted with the chart's points: no COUNT query
            page_obj = paginator.get_page(page_number)
            line = selectors.actor_timeline(actor, topic, filters)
            current = line.current
            shift_rows = line.shifts
            chart = {
                "points": points,
                "steps": selectors.steps_data(line.steps),
                "series": [{"id": actor.pk, "name": actor.name}],
                "from": filters.date_from.isoformat() if filters.date_from else None,
                "to": filters.date_to.isoformat() if filters.date_to else None,
            }
        return {
            **page_context,
            "page_obj": page_obj,
            "evidence": _evidence(page_obj),
            "chart": chart,
            "current": current,
            "shift_rows": shift_rows,
            "export": export_links(filters),
            "focus": focus,
        }

    def outer() -> dict:
        return {**page_context, "aliases": list(actor.aliases.all())}

    return _cached_results(
        request,
        "actor",
        [topic],
        "positions/actor.html",
        results_context,
        outer,
        frame={"actor": actor, "topic": topic},
    )


# ---------------------------------------------------------------------------------------
# Shifts
# ---------------------------------------------------------------------------------------


@analyst_page
def shift_list(request):
    topics = _topics()
    filters = StatementFilters.from_query(request.GET)
    topic = None
    if filters.topic:
        topic = Topic.objects.filter(slug=filters.topic).first()
    actor = None
    if filters.actors:
        slugs = selectors.resolve_actor_slugs(filters.actors[:1])
        actor = Actor.objects.filter(slug=slugs[0]).first()
    unknown = (filters.topic and topic is None) or (filters.actors and actor is None)
    if topic is None and not filters.actors and not unknown and topics:
        # Every topic's every actor at once is too much for one page: start with one topic.
        topic = topics[0]

    def results_context() -> dict:
        rows = (
            []
            if unknown
            else selectors.shifts(
                topic, actor, date_from=filters.date_from, date_to=filters.date_to, lazy=True
            )
        )
        page_obj = _page(request, rows)
        context = {
            "topics": topics,
            "topic": topic,
            "actor": actor,
            "filters": filters,
            "page_obj": page_obj,
        }
        return context

    outer = {"topics": topics, "topic": topic, "actor": actor, "filters": filters}
    return _cached_results(
        request, "shifts", [*topics, topic], "positions/shifts.html", results_context, outer
    )


# ---------------------------------------------------------------------------------------
# Compare
# ---------------------------------------------------------------------------------------


@analyst_page
def compare(request):
    topics = _topics()
    filters = StatementFilters.from_query(request.GET)
    topic = Topic.objects.filter(slug=filters.topic).first() if filters.topic else None
    if topic is None and topics:
        topic = topics[0]

    def results_context() -> dict:
        slugs = filters.actors[:MAX_COMPARE]
        found = {a.slug: a for a in Actor.objects.filter(slug__in=slugs)} if slugs else {}
        actors = [found[s] for s in slugs if s in found]
        # Candidates for the picker: actors with statements on the topic, most active first.
        candidates = []
        if topic is not None:
            for actor, n in selectors.top_actors_on_topic(topic, limit=200):
                actor.n_statements = n
                candidates.append(actor)
        summaries = (
            selectors.summaries_for(topic, [a.pk for a in actors])
            if topic is not None and len(actors) >= 2
            else {}
        )
        chart = None
        shift_rows = []
        message = ""
        if topic is not None and len(actors) >= 2:
            scoped = filters.replace(topic=topic.slug, actors=[], q="")
            statements = selectors.statements_filtered(
                scoped.replace(topic=""),
                base=Statement.objects.filter(
                    actor_id__in=[a.pk for a in actors], topic_id=topic.pk
                ),
            )
            ids = [a.pk for a in actors]
            total = sum(summaries[i].statement_count for i in ids if i in summaries)
            # Every shift draws the step lines (bare rows); the newest few are shown with
            # their quotes, loaded apart.
            stored = list(
                selectors.stored_shifts(
                    topic, actor_ids=ids, date_to=filters.date_to, newest_first=False, bare=True
                )
            )
            if total > selectors.CHART_POINTS_MAX:
                # Long histories: marks per period in SQL, step lines from the stored shifts.
                dates = [d for s in summaries.values() for d in (s.first_date, s.last_date) if d]
                span = (
                    filters.date_from or (min(dates) if dates else None),
                    filters.date_to or (max(dates) if dates else None),
                )
                if selectors.uses_stored_buckets(scoped, span):
                    buckets = selectors.stored_buckets(topic, ids)
                else:
                    buckets = selectors.timeline_buckets(statements, span=span)
                points = buckets.points
                steps = {
                    i: selectors.steps_from_shifts(
                        summaries[i],
                        [s for s in stored if s.actor_id == i],
                        date_to=filters.date_to,
                    )
                    if i in summaries
                    else []
                    for i in ids
                }
                aggregated = {"aggregated": buckets.period, "total": buckets.total}
            else:
                points = selectors.timeline_points(statements, quote_chars=200)
                steps = selectors.steps_for_actors(topic, ids, date_to=filters.date_to)
                aggregated = {}
            chart = {
                "points": points,
                "steps": [
                    step
                    for a in actors
                    for step in selectors.steps_data(
                        _clip(steps[a.pk], filters.date_from), actor_id=a.pk
                    )
                ],
                "series": [{"id": a.pk, "name": a.name} for a in actors],
                "from": filters.date_from.isoformat() if filters.date_from else None,
                "to": filters.date_to.isoformat() if filters.date_to else None,
                **aggregated,
            }
            shift_rows = selectors.shift_rows_in_range(
                stored, topic, actor_ids=ids, date_from=filters.date_from, date_to=filters.date_to
            )
        elif slugs:
            message = f"Choose between 2 and {MAX_COMPARE} actors."
        context = {
            "topics": topics,
            "topic": topic,
            "actors": actors,
            "selected": {a.slug for a in actors},
            "candidates": candidates,
            "filters": filters,
            "chart": chart,
            "shift_rows": shift_rows,
            "message": message,
            "max_compare": MAX_COMPARE,
            "shifts_shown": COMPARE_SHIFTS_SHOWN,
            "shifts_shown_slice": f":{COMPARE_SHIFTS_SHOWN}",
        }
        return context

    outer = {"topics": topics, "topic": topic}
    return _cached_results(
        request, "compare", [*topics, topic], "positions/compare.html", results_context, outer
    )


# ---------------------------------------------------------------------------------------
# Search
# ---------------------------------------------------------------------------------------


@analyst_page
def search(request):
    filters = StatementFilters.from_query(request.GET)
    typed_actors = filters.actors
    if filters.actors and filters.q:
        filters = filters.replace(actors=selectors.resolve_actor_slugs(filters.actors))
    q = filters.q
    page_obj = None
    results = []
    articles = []
    total = 0
    if q:
        found = selectors.search_statements(q, filters)
        total = found.count()
        if total > selectors.RANK_AT_MOST:
            found = found.order_by(*selectors.NEWEST_FIRST)
        paginator = Paginator(found, PAGE_SIZE)
        paginator.count = total  # already counted: do not count again
        page_obj = paginator.get_page(request.GET.get("page"))
        results = [
            {"s": s, "highlighted": selectors.highlighted_quote(s, q)} for s in page_obj.object_list
        ]
        if not request.GET.get("page") and not (filters.actors or filters.stance or filters.topic):
            articles = selectors.search_articles(q, outlet=filters.outlet)
    context = {
        "filters": filters,
        "q": q,
        "page_obj": page_obj,
        "results": results,
        "articles": articles,
        "topics": _topics(),
        "outlets": list(Outlet.objects.order_by("name").values("slug", "name")[:500]),
        "typed_actors": ", ".join(typed_actors),
        "stance_choices": STANCE_CHOICES,
        "speech_choices": SPEECH_CHOICES,
        "export": export_links(filters) if q else {},
        "ranked": 0 < total <= selectors.RANK_AT_MOST,
    }
    return render(request, _template(request, "positions/search.html"), context)


def _clip(steps, date_from):
    """Steps from `date_from` on, keeping the one in force at that date."""
    if not date_from:
        return steps
    earlier = [s for s in steps if s.date < date_from]
    return earlier[-1:] + [s for s in steps if s.date >= date_from]


# ---------------------------------------------------------------------------------------
# Article
# ---------------------------------------------------------------------------------------


def highlighted_article(text: str, statements: list[Statement]) -> str:
    """The article text, escaped piece by piece, with each statement's span in a <mark>
    labelled with its speaker and stance. Overlapping spans are clipped to the first one."""
    parts: list[str] = []
    cursor = 0
    for statement in sorted(statements, key=lambda s: (s.start, -s.end, s.pk)):
        start = max(statement.start, cursor)
        end = min(statement.end, len(text))
        if end <= start:
            continue
        parts.append(escape(text[cursor:start]))
        speaker = (
            statement.actor.name if statement.actor else statement.speaker_mention or "Unknown"
        )
        stance = statement.stance
        url = f"?statement={statement.pk}#statement-detail"
        parts.append(
            f'<mark class="stmt stmt-{escape(stance)}" id="stmt-{statement.pk}">'
            f"{escape(text[start:end])}</mark>"
            f'<a class="stmt-label badge stance-{escape(stance)}" href="{escape(url)}" '
            f'hx-get="{escape(url)}" hx-target="#statement-detail" hx-swap="outerHTML" '
            f'hx-push-url="true" data-statement="{statement.pk}">'
            f"{escape(speaker)} · {escape(statement.get_stance_display())}</a>"
        )
        cursor = end
    parts.append(escape(text[cursor:]))
    return "".join(parts)


@analyst_page
def article_detail(request, pk: int):
    article = get_object_or_404(Article.objects.select_related("outlet"), pk=pk)
    statements = list(
        article.statements.exclude(review_state=Statement.ReviewState.REJECTED).select_related(
            "actor", "topic"
        )
    )
    selected = None
    wanted = request.GET.get("statement", "")
    if wanted.isdigit():
        selected = next((s for s in statements if s.pk == int(wanted)), None)
        if selected is None:
            raise Http404("No such statement in this article.")
    # Every piece of source text went through escape() above.
    body = mark_safe(highlighted_article(article.text, statements))  # noqa: S308
    context = {
        "article": article,
        "statements": statements,
        "body": body,
        "selected": selected,
        "duplicate_of": article.near_duplicate_of_id,
    }
    return render(request, _template(request, "positions/article.html", "detail"), context)
