"""Agreement recall rules of issue 17 (second round): relative clauses whose pronoun is the
object, named instruments whose preposition the parser hangs elsewhere, joiners of a pact
that names its own sides, venues and datelines that are no parties. Sentences written for
these tests."""
import pytest

from test_agreements import events, one


# a relative clause whose pronoun is the agreement as object --------------------------------

@pytest.mark.parametrize("text,action,parties", [
    ("Trade must follow the fisheries treaty, which Peru and Chile ratified in 2010.", "ratify", {"PER", "CHL"}),
    ("Officials praised the border accord that Ghana signed with Togo.", "sign", {"GHA", "TGO"}),
])
def test_relative_pronoun_object(annotate, text, action, parties):
    ev = one(annotate, text, action)
    assert set(ev.actors) == parties


def test_relative_clause_with_its_own_object_is_not_the_agreement(annotate):
    # `which` is the subject; `signed a loan` acts on the loan, not on the treaty
    evs = events(annotate, "Kenya praised the water treaty, which signed away nothing.")
    assert not [e for e in evs if e.action == "sign"]


# a named instrument ---------------------------------------------------------------------

def test_named_convention_with_its_subject(annotate):
    ev = one(annotate, "In 1994 forty states signed the Convention on the Rights of Migrants.", "sign")
    assert ev.trigger == "signed"


def test_bare_convention_is_no_agreement(annotate):
    assert not events(annotate, "Forty delegates attended the convention on Monday.")
    assert not events(annotate, "Forty states signed the convention on Monday.")


# joiners of a pact that names its own sides ----------------------------------------------

@pytest.mark.parametrize("text,parties", [
    ("Kuwait and Oman said they would join the Russian-Saudi pact.", {"KWT", "OMN", "RUS", "SAU"}),
    ("Peru joined the Chilean-Mexican trade pact in May.", {"PER", "CHL", "MEX"}),
])
def test_joiners_are_parties(annotate, text, parties):
    ev = one(annotate, text, "extend")
    assert set(ev.actors) == parties


def test_signing_a_pact_naming_its_sides_adds_no_subject(annotate):
    # the sides the pact names stay its parties; a broker's verb adds nobody
    ev = one(annotate, "Norway brokered the Sudanese-Ethiopian truce in May.", "sign")
    assert set(ev.actors) == {"SDN", "ETH"}


# venues and datelines are no parties ------------------------------------------------------

@pytest.mark.parametrize("text,action,parties", [
    ("Ethiopia and Somalia signed the Nairobi accord on Monday.", "sign", {"ETH", "SOM"}),
    ("Chad and Sudan pledged to ratify the Nairobi deal by June.", "ratify", {"TCD", "SDN"}),
])
def test_capital_naming_the_agreement_is_no_party(annotate, text, action, parties):
    assert set(one(annotate, text, action).actors) == parties


def test_capital_as_a_side_stays(annotate):
    # a capital as the subject stands for its government
    ev = one(annotate, "Moscow and Kyiv signed the truce on Monday.", "sign")
    assert set(ev.actors) == {"RUS", "UKR"}


def test_dateline_is_no_party(annotate):
    text = "UNITED NATIONS Jordan and Iraq signed a trade pact on Monday."
    assert set(one(annotate, text, "sign").actors) == {"JOR", "IRQ"}


def test_a_country_opening_the_sentence_is_a_party(annotate):
    text = "Egypt and Jordan signed a trade pact on Monday."
    assert set(one(annotate, text, "sign").actors) == {"EGY", "JOR"}


# effort and negotiation heads turn an action into a negotiation ----------------------------

@pytest.mark.parametrize("text,parties", [
    ("Peru and Chile rushed to finalize the trade pact.", {"PER", "CHL"}),
    ("Peru and Chile are racing to seal a trade pact before May.", {"PER", "CHL"}),
])
def test_rushing_to_sign_is_negotiating(annotate, text, parties):
    evs = events(annotate, text)
    assert [e.action for e in evs] == ["negotiate"]
    assert set(evs[0].actors) == parties


def test_signing_without_the_effort_head_is_a_sign(annotate):
    assert [e.action for e in events(annotate, "Peru and Chile finalized the trade pact.")] == ["sign"]


def test_negotiations_to_join_are_negotiate(annotate):
    evs = events(annotate, "Serbia's slow negotiations to join the EU resumed in May.")
    assert "extend" not in [e.action for e in evs]
    ev = one(annotate, "Serbia's slow negotiations to join the EU resumed in May.", "negotiate")
    assert set(ev.actors) == {"SRB", "EU"}


# a consequence of a condition is no event -------------------------------------------------

@pytest.mark.parametrize("text", [
    "Officials said the truce between Chad and Sudan will hold if both armies pull back.",
    "Chad will sign the pact with Sudan if the rebels disarm.",
    "Chad would withdraw from the pact with Sudan unless the raids stop.",
])
def test_consequence_of_a_condition_is_no_event(annotate, text):
    assert not events(annotate, text)


@pytest.mark.parametrize("text,action", [
    # asserted: it happened, whatever the clause says
    ("Chad signed the pact with Sudan if only to end the raids.", "sign"),
    # no condition under it
    ("Officials said the truce between Chad and Sudan will hold.", "implement"),
])
def test_asserted_or_unconditional_stays(annotate, text, action):
    assert action in [e.action for e in events(annotate, text)]
