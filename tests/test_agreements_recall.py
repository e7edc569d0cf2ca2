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


# talks with a state at the table -----------------------------------------------------------

@pytest.mark.parametrize("text,parties", [
    ("Chad resumed its slow talks with Sudan in May.", {"TCD", "SDN"}),
    ("The Chad-Sudan talks stalled in May.", {"TCD", "SDN"}),
])
def test_talks_with_a_state_are_negotiations(annotate, text, parties):
    ev = one(annotate, text, "negotiate")
    assert parties <= set(ev.actors)


def test_talks_with_reporters_are_no_negotiation(annotate):
    assert not events(annotate, "The minister's talks with reporters ran late on Monday.")


# the entry into force of an agreement ------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Chad welcomed the entry into force of the treaty with Sudan.",
    "Chad and Sudan marked the coming into effect of their border accord.",
])
def test_entry_into_force_is_implement(annotate, text):
    ev = one(annotate, text, "implement")
    assert set(ev.actors) == {"TCD", "SDN"}


def test_entry_into_a_market_is_no_implement(annotate):
    evs = events(annotate, "Chad welcomed the entry into service of new tanks under the accord with Sudan.")
    assert "implement" not in [e.action for e in evs]


# brokers are no parties where the sides are named -----------------------------------------

@pytest.mark.parametrize("text,parties", [
    ("The deal brokered by Qatar between Chad and Sudan was signed on Monday.", {"TCD", "SDN"}),
    ("Qatar brokered a truce between Chad and Sudan.", {"TCD", "SDN"}),
    # with no other side named, who brokered it is all the text gives
    ("A truce was brokered by Qatar in May.", {"QAT"}),
])
def test_broker_is_no_party(annotate, text, parties):
    assert set(one(annotate, text, "sign").actors) == parties


# the accused breaks the truce, not the accuser ----------------------------------------------

@pytest.mark.parametrize("text,parties", [
    ("Chad accused Sudan of breaching the truce.", {"SDN"}),
    ("Chad blamed Sudan for violating the truce.", {"SDN"}),
])
def test_accused_is_the_violator(annotate, text, parties):
    ev = one(annotate, text, "violate")
    assert set(ev.actors) == parties


def test_chad_breaching_is_chad(annotate):
    assert "TCD" in one(annotate, "Chad was breaching the truce with Sudan.", "violate").actors


# announcing an action on the agreement is that action only ----------------------------------

@pytest.mark.parametrize("text,action", [
    ("Chad announced its withdrawal from the pact with Sudan.", "withdraw"),
    ("Chad's exit from the alliance with Sudan was announced on Monday.", "withdraw"),
])
def test_announced_action_noun(annotate, text, action):
    assert [e.action for e in events(annotate, text)] == [action]


def test_announced_truce_is_a_sign(annotate):
    assert [e.action for e in events(annotate, "Chad announced a truce with Sudan.")] == ["sign"]


# ruling out doing something to an agreement is a refusal ------------------------------------

@pytest.mark.parametrize("text", [
    "Chad ruled out rejoining the pact with Sudan.",
    "Chad ruled out signing the accord with Sudan.",
])
def test_ruling_out_an_action_is_reject(annotate, text):
    assert [e.action for e in events(annotate, text)] == ["reject"]


def test_rejoining_is_extend(annotate):
    assert "extend" in [e.action for e in events(annotate, "Chad is rejoining the pact with Sudan.")]


# who is expected to act ----------------------------------------------------------------------

def test_expected_to_sign_takes_the_raised_subject(annotate):
    ev = one(annotate, "Chad and Sudan are expected to sign the accord next week.", "sign")
    assert set(ev.actors) == {"TCD", "SDN"}


# joining a pact adds the new member to the pact's parties -------------------------------------

def test_joining_a_pact_keeps_its_parties(annotate):
    text = "Chad and Sudan sealed a defence pact on Monday, and Niger said it would join the pact."
    assert set(one(annotate, text, "extend").actors) == {"TCD", "SDN", "NER"}


@pytest.mark.parametrize("text,action", [
    ("Chad and Sudan are working to restore the ceasefire.", "implement"),
    ("Chad and Sudan reinstated the truce on Monday.", "implement"),
])
def test_restoring_an_agreement_is_implement(annotate, text, action):
    assert set(one(annotate, text, action).actors) == {"TCD", "SDN"}


# an organisation taking a member in, as the subject ----------------------------------------

@pytest.mark.parametrize("text,parties", [
    ("The EU admitted Chad as a member in 2020.", {"EU", "TCD"}),
    ("NATO welcomed Chad as its newest member.", {"NATO", "TCD"}),
])
def test_organisation_admits_a_member(annotate, text, parties):
    assert set(one(annotate, text, "extend").actors) == parties


@pytest.mark.parametrize("text", [
    "NATO welcomed the decision on Monday.",
    "NATO accepted the proposal on Monday.",
])
def test_organisation_admitting_nobody_is_no_event(annotate, text):
    assert "extend" not in [e.action for e in events(annotate, text)]


# no plans to: a negated head noun --------------------------------------------------------------

def test_no_plans_to_leave_is_no_withdrawal(annotate):
    assert not events(annotate, "Sudan said it had no plans to leave the accord with Chad.")


def test_plans_to_leave_is_a_withdrawal(annotate):
    assert "withdraw" in [e.action for e in events(annotate, "Sudan said it had plans to leave the accord with Chad.")]


def test_no_plans_to_sign_is_a_refusal(annotate):
    assert [e.action for e in events(annotate, "Sudan has no plans to sign the accord with Chad.")] == ["reject"]


# states the text does not name are no parties, and not the article's pair ----------------------

PAIR = "Chad and Sudan met in May. Chad and Sudan talked again in June. "


@pytest.mark.parametrize("text", [
    PAIR + "Many countries signed the climate deal in July.",
    PAIR + "Some 175 states took the first step of signing the climate deal in July.",
])
def test_unnamed_states_have_no_parties(annotate, text):
    ev = one(annotate, text, "sign")
    assert ev.actors == []


def test_the_two_countries_are_the_pair(annotate):
    ev = one(annotate, PAIR + "The two countries signed the border deal in July.", "sign")
    assert set(ev.actors) == {"TCD", "SDN"}


# a view held by no state is no event ------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The trade deal is opposed by most opposition lawmakers.",
    "Many critics still want a better climate deal.",
])
def test_a_view_held_by_no_state_is_no_event(annotate, text):
    assert not events(annotate, text)


@pytest.mark.parametrize("text,action", [
    ("Chad opposes the trade deal with Sudan.", "reject"),
    ("Chad wants a trade deal with Sudan.", "propose"),
])
def test_a_state_view_is_an_event(annotate, text, action):
    assert action in [e.action for e in events(annotate, text)]


# an occasion named by its action noun --------------------------------------------------------

@pytest.mark.parametrize("text,action,parties", [
    ("Chad and Sudan held a signing ceremony for the border pact on Monday.", "sign", {"TCD", "SDN"}),
    ("Sudan's parliament scheduled a ratification vote on the treaty with Chad.", "ratify", {"TCD", "SDN"}),
    ("Chad and Sudan marked Implementation Day of the border accord.", "implement", {"TCD", "SDN"}),
])
def test_action_noun_modifying_an_occasion(annotate, text, action, parties):
    assert set(one(annotate, text, action).actors) == parties


def test_talks_process_is_not_an_action_of_the_noun(annotate):
    evs = events(annotate, "Chad praised the talks process on the border pact with Sudan.")
    assert "sign" not in [e.action for e in evs]


# membership bids and their fate -----------------------------------------------------------------

@pytest.mark.parametrize("text,action,parties", [
    ("Finland's NATO bid was approved by Turkey on Monday.", "ratify", {"FIN", "NATO", "TUR"}),
    ("Turkey blocked Sweden's NATO application.", "reject", {"SWE", "NATO", "TUR"}),
    ("Serbia submitted its EU application in 2009.", "propose", {"SRB", "EU"}),
])
def test_membership_bid(annotate, text, action, parties):
    assert set(one(annotate, text, action).actors) == parties


def test_bid_for_a_contract_is_no_membership(annotate):
    assert not events(annotate, "Airbus won the NATO bid for tankers.")


# a state of the agreement stated by an adjective or a phrase ---------------------------------------

@pytest.mark.parametrize("text,action", [
    ("Chad said the deal with Sudan was dead.", "terminate"),
    ("The truce between Chad and Sudan remains in effect.", "implement"),
    ("The border accord between Chad and Sudan is still in force.", "implement"),
])
def test_state_of_the_agreement(annotate, text, action):
    assert [e.action for e in events(annotate, text)] == [action]


@pytest.mark.parametrize("text", [
    "The truce between Chad and Sudan is not dead.",
    "Chad said the deal with Sudan was good.",
])
def test_no_state_change(annotate, text):
    assert not events(annotate, text)


def test_broker_of_a_known_agreement_is_no_party(annotate):
    text = "Chad and Sudan agreed on a truce on Monday. The ceasefire, brokered by Qatar, took effect at midnight."
    ev = one(annotate, text, "implement")
    assert set(ev.actors) == {"TCD", "SDN"}


def test_broker_signing_stays(annotate):
    text = "Chad and Sudan agreed on a truce on Monday. Qatar also signed the ceasefire as a guarantor."
    evs = [e for e in events(annotate, text) if e.trigger == "signed"]
    assert evs and "QAT" in evs[0].actors


# a bare violation after an agreement is a violation of it ---------------------------------------

TRUCE = "Chad and Sudan agreed on a truce on Monday. "


@pytest.mark.parametrize("text", [
    TRUCE + "Both sides reported many violations on Tuesday.",
    TRUCE + "Observers said there had been repeated breaches.",
])
def test_bare_violation_after_an_agreement(annotate, text):
    assert set(one(annotate, text, "violate").actors) == {"TCD", "SDN"}


@pytest.mark.parametrize("text", [
    TRUCE + "Rights groups documented human rights violations.",
    TRUCE + "There were no violations.",
    TRUCE + "A mechanism is needed to stop such violations.",
    "Rights groups reported many violations in the camps.",
])
def test_violations_of_something_else_or_none(annotate, text):
    assert "violate" not in [e.action for e in events(annotate, text)]


# a clause after despite/after/before is no complement of the verb above ------------------------------

def test_despite_clause_keeps_its_own_action(annotate):
    evs = events(annotate, "Spain ruled out a military alliance with Morocco, despite ending its pact with Algeria.")
    assert sorted(e.action for e in evs) == ["reject", "terminate"]


@pytest.mark.parametrize("text", [
    "Spain refrained from signing the pact with Morocco.",
    "Spain objected to signing the pact with Morocco.",
])
def test_complement_clause_is_turned(annotate, text):
    assert [e.action for e in events(annotate, text)] == ["reject"]


def test_they_after_unnamed_states_have_no_parties(annotate):
    ev = one(annotate, PAIR + "Fifteen states told the UN that they had ratified the climate deal.", "ratify")
    assert ev.actors == []


def test_more_countries_have_no_parties(annotate):
    ev = one(annotate, PAIR + "More countries came together to sign the climate deal.", "sign")
    assert ev.actors == []


@pytest.mark.parametrize("text,expected", [
    ("The border deal between Chad and Sudan will enter into force only when ratified by both parliaments.", []),
    ("The border deal between Chad and Sudan will take effect only after both parliaments approve it.", []),
    # a time, not a condition
    ("The border deal between Chad and Sudan will take effect when the month ends.", ["implement"]),
])
def test_only_when_states_a_condition(annotate, text, expected):
    assert [e.action for e in events(annotate, text) if e.action == "implement"] == expected


@pytest.mark.parametrize("text,action", [
    ("Sudan's president signed the accord with Chad into law.", "ratify"),
    ("Sudan's president signed the accord with Chad in Doha.", "sign"),
])
def test_signed_into_law_is_ratify(annotate, text, action):
    assert [e.action for e in events(annotate, text)] == [action]


# one event per action and agreement ------------------------------------------------------------------

def test_two_coordinated_agreements_are_two_events(annotate):
    evs = events(annotate, "Chad signed a trade pact with Sudan and a defence accord with Niger.")
    assert sorted(sorted(e.actors) for e in evs if e.action == "sign") == [["NER", "TCD"], ["SDN", "TCD"]]


def test_one_agreement_signed_once(annotate):
    assert [e.action for e in events(annotate, "Chad signed the border treaty with Sudan.")] == ["sign"]


def test_later_passive_conjunct_shares_the_subject(annotate):
    text = "The truce between Chad and Sudan was extended on Monday and violated hours later."
    assert sorted(e.action for e in events(annotate, text)) == ["extend", "violate"]


def test_conjunct_with_its_own_subject_does_not_share(annotate):
    text = "The truce between Chad and Sudan was extended on Monday and Niger violated its border."
    assert sorted(e.action for e in events(annotate, text)) == ["extend"]


@pytest.mark.parametrize("text", ["Chad offered a truce to Sudan.", "Chad offered Sudan a truce."])
def test_the_side_offered_to_is_a_party(annotate, text):
    assert set(one(annotate, text, "propose").actors) == {"TCD", "SDN"}


def test_urging_a_third_state_keeps_the_addressees(annotate):
    ev = one(annotate, "Qatar urged Chad and Sudan to observe the truce.", "propose")
    assert set(ev.actors) == {"TCD", "SDN"}


# settlements and arrangements that are agreements ------------------------------------------------------

@pytest.mark.parametrize("text,action", [
    ("Chad and Sudan reached a political settlement on Monday.", "sign"),
    ("Qatar urged Chad and Sudan to seek a settlement of the conflict.", "propose"),
    ("Chad and Sudan signed new security arrangements.", "sign"),
])
def test_settlement_and_arrangement_phrases(annotate, text, action):
    assert set(one(annotate, text, action).actors) == {"TCD", "SDN"}


@pytest.mark.parametrize("text", [
    "Israel expanded the settlement near Hebron.",
    "Chad and Sudan made travel arrangements for the summit.",
])
def test_settlements_and_arrangements_that_are_not(annotate, text):
    assert not events(annotate, text)


@pytest.mark.parametrize("text", [
    "Talks between Chad and Sudan collapsed on Monday.",
    "Talks between Chad and Sudan broke down in May.",
])
def test_talks_that_collapse_or_continue_are_negotiations(annotate, text):
    assert "negotiate" in [e.action for e in events(annotate, text)]


def test_talks_as_a_meeting_are_no_negotiation(annotate):
    assert not events(annotate, "The minister held talks in Doha on Monday.")


# an action said not to have happened is no event; a refusal stays ----------------------------------------

@pytest.mark.parametrize("text", [
    "Washington has not ratified the treaty with Chad.",
    "Chad did not join NATO.",
])
def test_action_that_did_not_happen_is_no_event(annotate, text):
    assert not events(annotate, text)


@pytest.mark.parametrize("text", [
    "Chad will not sign the pact with Sudan.",
    "Chad refused to sign the pact with Sudan.",
])
def test_refusal_stays_a_reject(annotate, text):
    assert [e.action for e in events(annotate, text)] == ["reject"]


def test_the_place_where_it_was_signed_is_no_party(annotate):
    ev = one(annotate, "Ministers met in Nairobi, where the trade deal was signed on Monday.", "sign")
    assert "KEN" not in ev.actors


def test_the_state_which_signed_is_a_party(annotate):
    ev = one(annotate, "Chad, which signed the accord with Sudan in 2005, now wants to renegotiate it.", "sign")
    assert set(ev.actors) == {"TCD", "SDN"}
