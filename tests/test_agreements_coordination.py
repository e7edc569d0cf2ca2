"""Agreement events of verbs coordinated with the one whose subject the agreement is (issue 17,
round k): each conjunct with no subject of its own says what happens to the same agreement, one
event per action, with its own negation, the first verb's modal and a condition of its own.
Sentences written for these tests."""
import pytest

from test_agreements import events


def actions(annotate, text):
    return sorted(e.action for e in events(annotate, text))


@pytest.mark.parametrize("text,expected", [
    # intransitive + intransitive
    ("The truce between Mali and Niger took effect on Monday but collapsed within hours.", ["implement", "terminate"]),
    # intransitive + passive
    ("The accord between Peru and Chile took effect in 2010 and was renewed in 2015.", ["extend", "implement"]),
    # passive + intransitive
    ("The border accord between Peru and Chile was ratified in May and came into force in July.",
     ["implement", "ratify"]),
    # a verb with no action first, then one with
    ("The ceasefire in Yemen has been in place since April but has all but collapsed this week.",
     ["implement", "terminate"]),
])
def test_each_conjunct_is_an_event(annotate, text, expected):
    assert actions(annotate, text) == expected


def test_conjunct_parties_are_the_agreements(annotate):
    evs = events(annotate, "The truce between Mali and Niger took effect on Monday but collapsed within hours.")
    assert all(set(e.actors) == {"MLI", "NER"} for e in evs)


def test_negated_conjunct_is_no_event(annotate):
    # `was not renewed`: nothing happened to the pact; the first verb's event stays
    assert actions(annotate, "The accord between Peru and Chile expired in March and was not renewed.") == [
        "terminate"]


def test_conjunct_takes_the_first_verbs_modal(annotate):
    evs = events(annotate, "The truce between Mali and Niger will take effect on Monday and expire in June.")
    assert sorted((e.action, e.modality) for e in evs) == [("implement", "planned"), ("terminate", "planned")]


def test_conjunct_with_its_own_condition_is_no_event(annotate):
    evs = events(annotate, "Mali said the truce would last a week and could be extended if both sides agree.")
    assert "extend" not in [e.action for e in evs]


@pytest.mark.parametrize("text", [
    # the conjunct has its own subject: it says nothing of the agreement
    "The truce between Mali and Niger took effect on Monday but the rebels collapsed the bridge.",
    # the conjunct's object is another thing
    "The truce between Mali and Niger took effect on Monday and ended a year of raids.",
])
def test_conjunct_of_another_subject_or_object_is_none(annotate, text):
    assert actions(annotate, text) == ["implement"]


# ----------------------------------------------------------------------------- aimed at, not stated

@pytest.mark.parametrize("text", [
    "Kenya is pushing to ensure the border pact with Uganda comes into force this year.",
    "The aim of the call was to make sure that the truce between Mali and Niger can hold.",
    "Kenya wants to ensure that the border pact with Uganda is ratified this year.",
])
def test_a_clause_an_infinitive_of_ensuring_aims_at_is_a_propose(annotate, text):
    assert actions(annotate, text) == ["propose"]


def test_the_stance_is_the_subject_above_the_agreement(annotate):
    ev = [e for e in events(annotate, "Kenya is pushing to ensure the border pact with Uganda comes into force.")
          if e.action == "propose"][0]
    assert set(ev.actors) == {"KEN", "UGA"}


@pytest.mark.parametrize("text,action", [
    # a finite `ensured`: it happened
    ("Kenya ensured that the border pact with Uganda came into force.", "implement"),
    ("The border pact between Kenya and Uganda came into force on Monday.", "implement"),
])
def test_without_an_infinitive_of_ensuring_the_action_stands(annotate, text, action):
    assert actions(annotate, text) == [action]
