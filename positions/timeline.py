"""An actor's position over time, and the shifts in it (DESIGN §3). Pure Python, no Django.

Input: the actor's statements on one topic as `Point`s. Output: one `PositionStep` per
statement date and the `Shift`s between them.

The rule, and why
-----------------
An actor's position at a date is derived from their statements up to and including that
date. Each statement contributes a *signed score*, weighted by how recent it is:

- ``unrelated`` statements and undated statements are ignored (they cannot be placed).
- The stance label is the contract, the score only refines it: a ``support`` statement counts
  with its score if that score is positive (otherwise ``DEFAULT_MAGNITUDE``), an ``oppose``
  statement likewise with a negative score, and a ``neutral`` statement ("no decision yet")
  counts as 0, pulling the mean towards the middle.
- Weights halve every ``HALF_LIFE_DAYS`` days of age, measured from the date being evaluated:
  what someone said last week matters more than what they said last year, but statements of
  the same week weigh about the same.
- The position is ``support`` when the weighted mean is at least ``NEUTRAL_BAND``, ``oppose``
  when it is at most ``-NEUTRAL_BAND``, and ``neutral`` in between.

So one stray quote does not flip an actor who said the opposite several times the same month
(three recent ``-0.8`` and one ``+0.8`` give about ``-0.4``), while a statement after months
of silence does move the position (older statements have decayed). Statements of the same
date are taken together, so the order of articles within a day never creates a flicker.

The mean is computed incrementally (the weighted sums decay by the same factor), so deriving
a timeline is O(n) in the number of statements.

A shift is a change of derived position between two consecutive statement dates. It carries
the quote before (the latest statement up to the earlier date whose stance is the old
position, else the last statement of that date) and the quote after (the first statement of
the later date whose stance is the new position, else that date's last statement).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import attrgetter

SUPPORT = "support"
OPPOSE = "oppose"
NEUTRAL = "neutral"
UNRELATED = "unrelated"
POSITIONS = (SUPPORT, NEUTRAL, OPPOSE)

HALF_LIFE_DAYS = 60.0
NEUTRAL_BAND = 0.2
DEFAULT_MAGNITUDE = 0.6


@dataclass(frozen=True)
class Point:
    """One statement: its id, date (None when unknown), stance label and score in [-1, 1]."""

    statement_id: int
    date: dt.date | None
    stance: str
    score: float = 0.0


@dataclass(frozen=True)
class PositionStep:
    """The actor's derived position after every statement up to `date`.

    `statement_id` is the last statement of that date; `mean` is the recency-weighted mean
    score the position was read from (useful to draw the step line).
    """

    date: dt.date
    position: str
    statement_id: int
    mean: float = 0.0


@dataclass(frozen=True)
class Shift:
    before_statement_id: int
    after_statement_id: int
    from_position: str
    to_position: str
    before_date: dt.date
    after_date: dt.date
    actor_id: int | None = field(default=None, kw_only=True)


_ORDER = attrgetter("date", "statement_id")


def signed_score(point: Point) -> float:
    """The score a statement contributes: its label decides the sign, its score the size."""
    score = max(-1.0, min(1.0, float(point.score or 0.0)))
    if point.stance == SUPPORT:
        return score if score > 0 else DEFAULT_MAGNITUDE
    if point.stance == OPPOSE:
        return score if score < 0 else -DEFAULT_MAGNITUDE
    return 0.0


def position_for(mean: float) -> str:
    if mean >= NEUTRAL_BAND:
        return SUPPORT
    if mean <= -NEUTRAL_BAND:
        return OPPOSE
    return NEUTRAL


def usable(points: Iterable[Point]) -> list[Point]:
    """Dated, stance-taking points in date order (ties by statement id)."""
    kept = [p for p in points if p.date is not None and p.stance in POSITIONS]
    kept.sort(key=_ORDER)
    return kept


def _by_date(points: list[Point]) -> list[list[Point]]:
    groups: list[list[Point]] = []
    for point in points:
        if groups and groups[-1][0].date == point.date:
            groups[-1].append(point)
        else:
            groups.append([point])
    return groups


def derive_positions(points: Iterable[Point]) -> list[PositionStep]:
    """One step per statement date: the position derived from everything said up to then."""
    return _derive(_by_date(usable(points)))


def _derive(groups: list[list[Point]]) -> list[PositionStep]:
    steps: list[PositionStep] = []
    weighted_sum = 0.0
    weight_total = 0.0
    previous_date: dt.date | None = None
    for group in groups:
        date = group[0].date
        if previous_date is not None:
            decay = 0.5 ** ((date - previous_date).days / HALF_LIFE_DAYS)
            weighted_sum *= decay
            weight_total *= decay
        for point in group:
            weighted_sum += signed_score(point)
            weight_total += 1.0
        mean = weighted_sum / weight_total
        steps.append(
            PositionStep(
                date=date,
                position=position_for(mean),
                statement_id=group[-1].statement_id,
                mean=round(mean, 4),
            )
        )
        previous_date = date
    return steps


def detect_shifts(points: Iterable[Point], *, actor_id: int | None = None) -> list[Shift]:
    """Every change of derived position, oldest first, each with a quote before and after."""
    return analyse(points, actor_id=actor_id)[1]


def analyse(
    points: Iterable[Point], *, actor_id: int | None = None
) -> tuple[list[PositionStep], list[Shift]]:
    """Both the steps and the shifts, from one pass over the points."""
    groups = _by_date(usable(points))
    steps = _derive(groups)
    shifts: list[Shift] = []
    # The latest statement seen so far for each stance, to pick the "before" quote.
    latest_with: dict[str, Point] = {}
    for index, (group, step) in enumerate(zip(groups, steps, strict=True)):
        if index > 0 and step.position != steps[index - 1].position:
            previous = steps[index - 1]
            before = latest_with.get(previous.position)
            before_id = before.statement_id if before else previous.statement_id
            before_date = before.date if before else previous.date
            after = next((p for p in group if p.stance == step.position), group[-1])
            shifts.append(
                Shift(
                    before_statement_id=before_id,
                    after_statement_id=after.statement_id,
                    from_position=previous.position,
                    to_position=step.position,
                    before_date=before_date,
                    after_date=step.date,
                    actor_id=actor_id,
                )
            )
        for point in group:
            latest_with[point.stance] = point
    return steps, shifts


def current_position(points: Iterable[Point]) -> PositionStep | None:
    """The latest step, or None when the actor said nothing placeable."""
    steps = derive_positions(points)
    return steps[-1] if steps else None
