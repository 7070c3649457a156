import datetime as dt

from positions.timeline import (
    NEUTRAL,
    OPPOSE,
    SUPPORT,
    Point,
    PositionStep,
    Shift,
    current_position,
    derive_positions,
    detect_shifts,
    signed_score,
)


def d(day: int, month: int = 1, year: int = 2024) -> dt.date:
    return dt.date(year, month, day)


def test_no_points_means_no_steps_and_no_shifts():
    assert derive_positions([]) == []
    assert detect_shifts([]) == []
    assert current_position([]) is None


def test_unrelated_and_undated_points_are_ignored():
    points = [
        Point(1, d(1), "unrelated", 0.0),
        Point(2, None, SUPPORT, 0.9),
        Point(3, d(2), OPPOSE, -0.7),
    ]
    steps = derive_positions(points)
    assert [s.statement_id for s in steps] == [3]
    assert steps[0].position == OPPOSE


def test_the_label_decides_the_sign_and_the_score_the_size():
    assert signed_score(Point(1, d(1), SUPPORT, 0.9)) == 0.9
    assert signed_score(Point(1, d(1), SUPPORT, -0.3)) > 0
    assert signed_score(Point(1, d(1), OPPOSE, 0.0)) < 0
    assert signed_score(Point(1, d(1), NEUTRAL, 0.8)) == 0.0


def test_one_stray_quote_does_not_flip_a_consistent_actor():
    points = [
        Point(1, d(1), OPPOSE, -0.8),
        Point(2, d(8), OPPOSE, -0.8),
        Point(3, d(15), OPPOSE, -0.8),
        Point(4, d(20), SUPPORT, 0.8),
    ]
    assert [s.position for s in derive_positions(points)] == [OPPOSE] * 4
    assert detect_shifts(points) == []


def test_a_statement_after_months_moves_the_position_and_is_a_shift_with_both_quotes():
    points = [
        Point(10, d(10, 1), OPPOSE, -0.8),
        Point(11, d(20, 1), OPPOSE, -0.6),
        Point(12, d(29, 5), SUPPORT, 0.7),
    ]
    steps = derive_positions(points)
    assert [s.position for s in steps] == [OPPOSE, OPPOSE, SUPPORT]
    assert steps[-1] == PositionStep(d(29, 5), SUPPORT, 12, steps[-1].mean)
    shifts = detect_shifts(points, actor_id=7)
    assert shifts == [
        Shift(
            before_statement_id=11,
            after_statement_id=12,
            from_position=OPPOSE,
            to_position=SUPPORT,
            before_date=d(20, 1),
            after_date=d(29, 5),
            actor_id=7,
        )
    ]


def test_a_neutral_statement_pulls_towards_neutral():
    points = [Point(1, d(1, 1), SUPPORT, 0.5), Point(2, d(1, 6), NEUTRAL, 0.0)]
    steps = derive_positions(points)
    assert [s.position for s in steps] == [SUPPORT, NEUTRAL]
    (shift,) = detect_shifts(points)
    assert (shift.from_position, shift.to_position) == (SUPPORT, NEUTRAL)
    assert (shift.before_statement_id, shift.after_statement_id) == (1, 2)


def test_statements_of_one_day_are_taken_together_whatever_their_order():
    points = [
        Point(1, d(1, 1), OPPOSE, -0.9),
        Point(2, d(1, 9), SUPPORT, 0.9),
        Point(3, d(1, 9), OPPOSE, -0.9),
        Point(4, d(1, 9), SUPPORT, 0.9),
    ]
    steps = derive_positions(points)
    assert len(steps) == 2
    assert steps[-1].statement_id == 4
    assert derive_positions(list(reversed(points))) == steps


def test_flip_and_flip_back_gives_two_shifts_in_order():
    points = [
        Point(1, d(1, 1, 2022), OPPOSE, -0.8),
        Point(2, d(1, 1, 2023), SUPPORT, 0.8),
        Point(3, d(1, 1, 2024), OPPOSE, -0.8),
    ]
    shifts = detect_shifts(points)
    assert [(s.from_position, s.to_position) for s in shifts] == [
        (OPPOSE, SUPPORT),
        (SUPPORT, OPPOSE),
    ]
    assert [s.after_statement_id for s in shifts] == [2, 3]
    assert shifts[1].before_statement_id == 2


def test_derive_positions_is_linear_enough_for_long_histories():
    start = d(1, 1, 2000)
    points = [
        Point(i, start + dt.timedelta(days=i), SUPPORT if (i // 500) % 2 else OPPOSE, 0.0)
        for i in range(20_000)
    ]
    steps = derive_positions(points)
    assert len(steps) == 20_000
    assert len(detect_shifts(points)) >= 30
