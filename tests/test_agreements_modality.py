"""Issue 17 point 4, as read on unseen news: what governs the action decides it. A `for X to V`
clause, a yes/no question, a `no` on the agreement, a nominal refusal and a negated copula
above an adjective head. Sentences written for these tests."""
import pytest

from test_agreements import events


def actions(annotate, text):
    return sorted(e.action for e in events(annotate, text) if e.action != "mention")


# a `for X to V` clause states no V: a propose under a head of wanting, else nothing -------

@pytest.mark.parametrize("text", [
    "Kenya renewed its campaign for Uganda to leave the trade pact.",
    "The opposition campaigned for Ghana to quit the defence pact.",
    "Several ministers are advocating for Chile to withdraw from the fisheries treaty.",
    "Her support for Peru to sign the border accord with Chile angered Lima.",
])
def test_for_clause_under_a_head_of_wanting_is_propose(annotate, text):
    assert actions(annotate, text) == ["propose"]


@pytest.mark.parametrize("text", [
    "It was too late for Kenya and Uganda to sign the water treaty on Monday.",
    "There is little reason for Chile and Peru to reach a deal on fishing.",
])
def test_for_clause_under_another_head_is_no_event(annotate, text):
    assert actions(annotate, text) == []


def test_for_a_time_is_no_for_clause(annotate):
    assert actions(annotate, "Kenya met Uganda for the first time to negotiate a water treaty.") == ["negotiate"]
    assert actions(annotate, "Kenya waited for years to sign the water treaty with Uganda.") == ["sign"]


def test_the_same_actions_stated_outright_stay(annotate):
    assert actions(annotate, "Ghana quit the defence pact with Togo.") == ["withdraw"]
    assert actions(annotate, "The border accord was signed by Peru and Chile.") == ["sign"]


# a yes/no question asks, it states nothing ------------------------------------------------

@pytest.mark.parametrize("text", [
    "Will Norway leave the fisheries treaty with Iceland?",
    'Voters were asked: "Should Ireland ratify the border treaty with Britain?"',
    "Did Kenya sign the water treaty with Uganda?",
    'The ballot reads: "Should Norway stay in the customs pact with Sweden or leave it?"',
])
def test_yes_no_question_is_no_event(annotate, text):
    assert actions(annotate, text) == []


def test_statement_and_wh_question_keep_their_action(annotate):
    assert actions(annotate, "Norway will leave the fisheries treaty with Iceland.") == ["withdraw"]
    # a wh-question takes the action as given
    assert actions(annotate, "Why did Russia break the ceasefire with Ukraine?") == ["violate"]


# `no` on the agreement, or on the action noun, negates it ---------------------------------

@pytest.mark.parametrize("text", [
    "Officials said no deal was offered to Uganda by Kenya at the meeting.",
    "Kenya offered no deal to Uganda at the meeting.",
    "No agreement on water was reached between Kenya and Uganda.",
    "Kenya said it has signed no pact with Uganda.",
    "Observers reported no violation of the ceasefire between Chad and Sudan.",
])
def test_no_on_the_agreement_is_no_event(annotate, text):
    assert actions(annotate, text) == []


def test_no_interest_stays_a_refusal(annotate):
    assert actions(annotate, "Kenya has no interest in a defence pact with Uganda.") == ["reject"]


def test_without_no_the_action_stays(annotate):
    assert actions(annotate, "An agreement on water was reached between Kenya and Uganda.") == ["sign"]
    assert actions(annotate, "Kenya offered a deal to Uganda at the meeting.") == ["propose"]


# a nominal or adjectival refusal governing the verb is a reject ---------------------------

@pytest.mark.parametrize("text", [
    "Kenya criticised Uganda's refusal to sign the water treaty.",
    "Despite its unwillingness to ratify the climate treaty, Brazil sent a delegation.",
    "Uganda said it was unwilling to sign the water treaty with Kenya.",
])
def test_refusal_noun_or_adjective_is_reject(annotate, text):
    assert "reject" in actions(annotate, text)
    assert "sign" not in actions(annotate, text) and "ratify" not in actions(annotate, text)


def test_refusal_beside_a_signature_keeps_both(annotate):
    assert actions(annotate, "The water treaty was ratified by Kenya despite Uganda's refusal to sign it.") == [
        "ratify", "reject"]


# the negation of a copula reaches the adjective head above the action ---------------------

@pytest.mark.parametrize("text", [
    "Kenya said the two sides would never be able to reach agreement with Uganda on water.",
    "Officials said Chile was not able to sign the fisheries treaty with Peru.",
])
def test_negated_copula_above_an_adjective_is_no_signature(annotate, text):
    assert actions(annotate, text) == []


def test_copula_without_negation_keeps_the_signature(annotate):
    assert actions(annotate, "Officials said Chile was able to sign the fisheries treaty with Peru.") == ["sign"]


# leaving under a head of wishing or campaigning is only proposed; a vote or decision is not --

@pytest.mark.parametrize("text", [
    "The opposition leader will campaign to leave the fisheries treaty with Iceland.",
    "She joined the campaign to take Norway out of the customs pact, saying Norway was ready to leave the customs pact.",
    "Norway is willing to leave the fisheries treaty with Iceland.",
    "He was one of the chief campaigners for Norway to leave the fisheries treaty.",
])
def test_leaving_wished_or_campaigned_for_is_propose(annotate, text):
    assert "propose" in actions(annotate, text) and "withdraw" not in actions(annotate, text)


@pytest.mark.parametrize("text", [
    "Norway voted to leave the fisheries treaty with Iceland.",
    "Norway will leave the fisheries treaty with Iceland.",
])
def test_leaving_voted_or_stated_is_withdraw(annotate, text):
    assert actions(annotate, text) == ["withdraw"]


def test_not_wanting_to_leave_is_no_event(annotate):
    assert actions(annotate, "Norway does not want to leave the fisheries treaty with Iceland.") == []
