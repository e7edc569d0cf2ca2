"""Exercise events as news states them (issue 17, point 6): drills by one country, port
calls, status from tense and aspect, refusals, one event per exercise and status in an
article with its participants gathered, names from patterns. Sentences written for these tests."""
import pytest

from test_exercises import events, exercises  # noqa: F401  (the fixture, shared)


@pytest.mark.parametrize("text,action,actors", [
    # a drill by one country is an exercise, in either voice
    ("Kim Jong Un inspected artillery drills on Tuesday.", "held", {"PRK"}),
    ("Artillery drills were inspected by North Korea's leader on Tuesday.", "held", {"PRK"}),
    ("North Korea test-fired a missile during a naval exercise on Sunday.", "held", {"PRK"}),
    ("A Chinese destroyer made a port call in Manila last week.", "held", {"CHN", "PHL"}),
    # status from tense and aspect
    ("India and France staged joint naval drills off Goa last week.", "held", {"IND", "FRA"}),
    ("Troops from Poland and Lithuania are taking part in the joint exercise.", "ongoing", {"POL", "LTU"}),
    ("Japan and Australia will hold joint air drills next month.", "planned", {"JPN", "AUS"}),
    ("Japan and Australia are set to hold joint air drills in June.", "planned", {"JPN", "AUS"}),
    ("Japan and the United States called off the joint drills on Friday.", "cancelled", {"JPN", "USA"}),
    ("The joint drills were called off by Japan and the United States.", "cancelled", {"JPN", "USA"}),
    ("South Korea postponed its annual naval exercise with the United States.", "suspended", {"KOR", "USA"}),
])
def test_status_and_participants(exercises, text, action, actors):
    evs = [e for e in events(exercises, text) if e.action == action]
    assert evs, [(e.action, e.actors, e.trigger) for e in events(exercises, text)]
    assert set(evs[0].actors) == actors


@pytest.mark.parametrize("text,action", [
    ("India has decided not to participate in a multinational exercise in Russia next month.", "cancelled"),
    ("Australia will not take part in the joint drills next year.", "cancelled"),
])
def test_refusal_cancels(exercises, text, action):
    assert [e.action for e in events(exercises, text)] == [action]


@pytest.mark.parametrize("text", [
    "Pakistan did not take part in the drills last year.",
    "The exercise is intended to improve coordination between the two navies.",
])
def test_no_status(exercises, text):
    assert events(exercises, text) == []


def test_one_event_per_exercise_and_status(exercises):
    text = ("Exercise Northern Dawn, with troops from Norway and Sweden, began on Monday. "
            "Finland also sent troops to the exercise, the army said. "
            "The exercise began with a night landing on the coast.")
    evs = events(exercises, text)
    held = [e for e in evs if e.exercise_name == "Northern Dawn"]
    assert len(held) == 1, [(e.action, e.exercise_name, e.trigger) for e in evs]
    assert {"NOR", "SWE"} <= set(held[0].actors)


def test_a_new_status_is_a_new_event(exercises):
    text = ("Japanese and Australian troops will hold the Southern Jackal 2024 exercise in July. "
            "On Friday, the Japanese army postponed Southern Jackal 2024 after a typhoon.")
    assert sorted(e.action for e in events(exercises, text)) == ["planned", "suspended"]


@pytest.mark.parametrize("text,name", [
    ("Exercise Northern Dawn kicked off in Norway on Monday with 3,000 troops.", "Northern Dawn"),
    ("Operation Iron Shore began off the coast of Oman with British and Omani warships.", "Iron Shore"),
    ("Arctic Edge 2025 began on Monday, the military said of the annual exercise.", "Arctic Edge"),
])
def test_pattern_names(exercises, text, name):
    assert [e.exercise_name for e in events(exercises, text)] == [name]


def test_no_pattern_name_outside_military_news(exercises):
    assert events(exercises, "Vision 2030 is a plan for the economy.") == []


def test_participants_from_a_later_sentence(exercises):
    text = ("Norway began a joint naval exercise on Monday with Sweden. "
            "Troops from Finland and Estonia also joined on Tuesday, officials said.")
    evs = events(exercises, text)
    assert len(evs) == 1
    assert set(evs[0].actors) == {"NOR", "SWE", "FIN", "EST"}


def test_modifier_name_recurs_and_another_edition_is_another_event(exercises):
    text = ("Korean and American jets joined the Silver Hawk exercise last week. "
            "Silver Hawk was also held in October last year.")
    evs = events(exercises, text)
    assert [(e.action, e.exercise_name) for e in evs] == [("held", "Silver Hawk"), ("held", "Silver Hawk")]
    assert evs[0].event_date != evs[1].event_date
