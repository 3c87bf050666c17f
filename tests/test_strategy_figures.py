"""Derived facts of the strategy: key figures from the steps, indicator progress."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace
from uuid import uuid4

import pytest
from django.utils import translation

from strategy.contributions import (
    Contribution,
    IndicatorProgress,
    attach_progress,
    collect_contributions,
    indicator_contributors,
    progress_of,
)
from strategy.figures import key_figures
from strategy.models import StepKind


def step(kind, count=None, meetings=None):
    return SimpleNamespace(kind=kind, participant_count=count, meeting_count=meetings)


def figures(steps):
    return {figure.key: figure.value for figure in key_figures(steps)}


# Key figures ------------------------------------------------------------------------------


def test_no_steps_no_figures():
    assert key_figures([]) == []


def test_the_seed_steps_give_268_respondents_18_proposals_and_7_steps():
    steps = [
        step(StepKind.RESIDENT_MEETING),
        step(StepKind.INSTITUTIONS),
        step(StepKind.ORGANISATIONS),
        step(StepKind.OTHER_LAGS),
        step(StepKind.SURVEY, 268),
        step(StepKind.PROPOSALS, 18),
        step(StepKind.PUBLICITY),
    ]
    assert figures(steps) == {"survey_respondents": 268, "project_proposals": 18, "steps": 7}
    assert [f.key for f in key_figures(steps)] == [
        "survey_respondents",
        "project_proposals",
        "steps",
    ]


def test_a_figure_without_any_count_is_left_out_but_zero_is_shown():
    assert "survey_respondents" not in figures([step(StepKind.SURVEY)])
    assert figures([step(StepKind.SURVEY, 0)])["survey_respondents"] == 0


def test_counts_of_several_steps_of_a_kind_add_up_and_unknown_counts_are_skipped():
    steps = [step(StepKind.SURVEY, 200), step(StepKind.SURVEY), step(StepKind.SURVEY, 68)]
    assert figures(steps)["survey_respondents"] == 268


def test_meetings_and_participants_come_from_meeting_steps_only():
    steps = [
        step(StepKind.RESIDENT_MEETING, 40, meetings=3),
        step(StepKind.INSTITUTIONS, 12, meetings=2),
        step(StepKind.SURVEY, 268),
        step(StepKind.PUBLICITY, 5000, meetings=1),
    ]
    result = figures(steps)
    assert result["meeting_participants"] == 52  # the publicity's audience is not a meeting
    assert result["meetings"] == 6  # an event counted on any step is a meeting held
    assert result["survey_respondents"] == 268


def test_a_single_step_counts_as_one_step():
    assert figures([step(StepKind.OTHER)]) == {"steps": 1}


def test_figure_labels_follow_the_language():
    (figure,) = [f for f in key_figures([step(StepKind.SURVEY, 1)]) if f.key != "steps"]
    with translation.override("lt"):
        assert str(figure.label) == "Apklausoje dalyvavę gyventojai"
    with translation.override("en"):
        assert str(figure.label) == "Residents surveyed"


# Indicator progress -------------------------------------------------------------------


def progress(target=None, recorded=None, contributed=None, updated_on=None):
    return IndicatorProgress(target, recorded, contributed, updated_on)


@pytest.mark.parametrize(
    ("target", "recorded", "contributed", "achieved", "percent", "bar"),
    [
        (Decimal(100), Decimal(45), None, Decimal(45), 45, Decimal(45)),
        (Decimal(100), None, Decimal(10), Decimal(10), 10, Decimal(10)),
        (Decimal(100), Decimal(20), Decimal(15), Decimal(35), 35, Decimal(35)),
        (Decimal(100), Decimal(0), None, Decimal(0), 0, Decimal(0)),
        (Decimal(10), Decimal(15), None, Decimal(15), 150, Decimal(10)),
        (Decimal(3), Decimal(2), None, Decimal(2), 67, Decimal(2)),  # 66.67 rounds half up
        (Decimal(8), Decimal(1), None, Decimal(1), 13, Decimal(1)),  # 12.5 rounds up
        (None, Decimal(7), None, Decimal(7), None, None),
        (Decimal(0), Decimal(7), None, Decimal(7), None, None),
        (Decimal(100), None, None, None, None, None),
        (None, None, None, None, None, None),
    ],
)
def test_progress_at_its_boundaries(target, recorded, contributed, achieved, percent, bar):
    result = progress(target, recorded, contributed)
    assert result.achieved == achieved
    assert result.percent == percent
    assert result.bar_value == bar


def test_progress_takes_the_latest_date_of_the_indicator_and_its_contributions():
    indicator = SimpleNamespace(
        target=Decimal(10), achieved=Decimal(1), updated_on=date(2026, 1, 1)
    )
    result = progress_of(
        indicator, [Contribution(Decimal(2), date(2026, 3, 1)), Contribution(Decimal(3))]
    )
    assert result.contributed == Decimal(5)
    assert result.updated_on == date(2026, 3, 1)
    assert progress_of(indicator).contributed is None
    assert progress_of(indicator).updated_on == date(2026, 1, 1)


@pytest.fixture
def contributors():
    registered = []

    def register(name, function):
        indicator_contributors.register(name, function)
        registered.append(name)

    yield register
    for name in registered:
        indicator_contributors.unregister(name)


def test_contributors_are_asked_once_for_all_indicators_and_only_their_answers_count(
    contributors,
):
    first, second, stranger = uuid4(), uuid4(), uuid4()
    calls = []

    def initiatives(keys):
        calls.append(keys)
        return {first: Contribution(Decimal(2)), stranger: Contribution(Decimal(99))}

    def volunteers(keys):
        return {first: [Contribution(Decimal(1))], second: None}

    contributors("initiatives", initiatives)
    contributors("volunteers", volunteers)
    indicators = [
        SimpleNamespace(translation_key=first, target=Decimal(10), achieved=None, updated_on=None),
        SimpleNamespace(
            translation_key=second, target=Decimal(10), achieved=Decimal(4), updated_on=None
        ),
    ]
    attach_progress(indicators)
    assert calls == [frozenset({first, second})]
    assert indicators[0].progress.achieved == Decimal(3)
    assert indicators[1].progress.achieved == Decimal(4)
    assert indicators[1].progress.contributed is None
    assert stranger not in collect_contributions([first, second])


def test_no_indicators_ask_no_contributor(contributors):
    def explode(keys):
        raise AssertionError("asked without indicators")

    contributors("explode", explode)
    assert collect_contributions([]) == {}
