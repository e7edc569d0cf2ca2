"""Exercise rules checked against unannotated 2016 news (issue 17, point 6): what a trigger
with no country behind it is, and statuses from tense, aspect, negation and modality.
Sentences written for these tests."""
import pytest

from test_exercises import events, exercises  # noqa: F401  (the fixture, shared)


@pytest.mark.parametrize("text", [
    # a patrol or manoeuvre no country takes part in is police work or a spacecraft's
    "Two officers were conducting a routine patrol in the housing estate when the shots were fired.",
    "The nuclear-powered probe performed a tricky maneuver to slip into orbit around the planet.",
    # a capitalised name with no country is a probe or a team named like an exercise
    "Pictures sent back by New Horizons show ice on the dwarf planet.",
])
def test_no_country_no_exercise(exercises, text):
    assert events(exercises, text) == [], [(e.action, e.trigger, e.actors) for e in exercises(text)]


@pytest.mark.parametrize("text,action,actors", [
    # the same triggers with a country behind them stay events, in both voices
    ("Indian and French warships conducted a joint patrol in the Arabian Sea last week.", "held", {"IND", "FRA"}),
    ("A joint patrol was conducted in the Arabian Sea by Indian and French warships last week.", "held", {"IND", "FRA"}),
    ("Russian troops will hold manoeuvres near the border next month.", "planned", {"RUS"}),
])
def test_country_keeps_the_exercise(exercises, text, action, actors):
    evs = [e for e in events(exercises, text) if e.action == action]
    assert evs, [(e.action, e.actors, e.trigger) for e in exercises(text)]
    assert set(evs[0].actors) == actors
