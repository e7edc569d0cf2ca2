"""Exercise events (issue 17s): an exercise named as the setting of a reported act
(`on the sidelines of the drills`, `sailors on a warship visiting X as part of a drill said`) took place when
the act was told to; an unnamed exercise a sentence also names is the named one in the
article's restatements, and so is one written again with the same words and no other
countries. Sentences written for these tests."""
import pytest

from test_exercises import events, exercises  # noqa: F401  (the fixture, shared)


@pytest.mark.parametrize("text", [
    "The general spoke to journalists on the sidelines of the naval drills off Crete.",
    "Journalists were briefed on the sidelines of the joint exercise in Jordan.",
    "The minister met his Greek counterpart on the margins of the air force exercise near Larissa.",
    "Sailors on a Spanish warship visiting Morocco as part of a joint naval exercise said the port was busy.",
])
def test_the_setting_of_a_past_act_was_held(exercises, text):
    assert [e.action for e in events(exercises, text)] == ["held"], \
        [(e.action, e.trigger) for e in exercises(text)]


@pytest.mark.parametrize("text", [
    # not told as done: a plan, a denial, the present of a caption
    "The general will speak to journalists on the sidelines of the naval drills off Crete.",
    "The general did not speak to journalists on the sidelines of the naval drills.",
    "Sailors on a Spanish warship visiting Morocco as part of a joint naval exercise say the port is busy.",
    "Sailors on a Spanish warship visiting Morocco as part of a joint naval exercise will say the port is busy.",
    # no exercise: the sidelines of a summit
    "The general spoke to journalists on the sidelines of the summit in Athens.",
])
def test_no_held_setting(exercises, text):
    assert "held" not in [e.action for e in events(exercises, text)]


def test_an_unnamed_twin_of_a_named_exercise_takes_its_name_key():
    from transforms.extract.exercises import _dedupe
    from transforms.extract.records import ExerciseEvent

    def ev(action, name=None, start=0):
        return ExerciseEvent(action=action, actors=["AUS"], sentence_start=start, sentence_end=start + 10,
                             anchor_start=start, anchor_end=start + 1, exercise_name=name, participants=["AUS"])

    unnamed, named = ev("planned"), ev("planned", "Pitch Black")
    keys = {id(unnamed): "own:3", id(named): "name:pitch black"}
    aliases = {}
    out = _dedupe([unnamed, named], keys=keys, aliases=aliases)
    assert len(out) == 1 and out[0].exercise_name == "Pitch Black"
    assert aliases == {"own:3": "name:pitch black"}
    # two named exercises or two unnamed ones alias nothing
    aliases = {}
    a, b = ev("planned", "Kakadu"), ev("planned", "Pitch Black")
    _dedupe([a, b], keys={id(a): "name:kakadu", id(b): "name:pitch black"}, aliases=aliases)
    assert aliases == {}


def test_an_unnamed_exercise_written_again_alike_is_one_event(exercises):
    text = ("Chile and Peru held joint naval drills off Arica on Monday. Officials said joint naval "
            "drills were held by Chile and Peru to test readiness.")
    assert [(e.action, set(e.actors)) for e in events(exercises, text)] == [("held", {"CHL", "PER"})]
    # a new status of it is a new event
    text = ("Chile and Peru held joint naval drills off Arica on Monday. Chile and Peru will hold "
            "joint naval drills again next week.")
    assert sorted(e.action for e in events(exercises, text)) == ["held", "planned"]


@pytest.mark.parametrize("text", [
    # other countries, other words, another year: other exercises
    "Chile held joint naval drills with Peru on Monday. Argentina held joint naval drills with Brazil on Tuesday.",
    "Chile held naval drills on Monday. Chile also held air drills on Tuesday.",
    "Chile and Peru held joint naval drills in 2018. Chile and Peru held joint naval drills again in 2019.",
])
def test_unnamed_exercises_written_otherwise_stay_apart(exercises, text):
    assert [e.action for e in events(exercises, text)] == ["held", "held"]
