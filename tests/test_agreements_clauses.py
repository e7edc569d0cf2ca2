"""Agreement events in a clause of their own on the agreement noun (issue 17, round j): a
participle or relative clause keeps its own polarity, whatever negates the sentence around
the noun. Sentences written for these tests."""
import pytest

from test_agreements import events


@pytest.mark.parametrize("text,action,trigger", [
    # participle clause, passive by its form
    ("Ghana said the raids were not a breach of the border accord signed with Togo in 2012.", "sign", "signed"),
    ("The port was not covered by the truce declared by Sudan last week.", "sign", "declared"),
    # finite relative clause, active and passive
    ("Chile is not bound by the trade pact that Peru and Bolivia ratified in March.", "ratify", "ratified"),
    ("Chile never joined the fisheries treaty, which was signed by Peru in 2001.", "sign", "signed"),
])
def test_clause_on_the_noun_keeps_its_own_polarity(annotate, text, action, trigger):
    evs = [e for e in events(annotate, text) if e.trigger == trigger]
    assert [e.action for e in evs] == [action]


@pytest.mark.parametrize("text", [
    # negation inside the clause itself still holds
    "Ghana praised the border accord, which Togo has not ratified.",
    # an infinitive on a noun is a complement of the negated head, not a clause of its own
    "Chad had no plan to ratify the pact with Sudan.",
    # the old rule: a negated verb above a noun the action hangs on
    "Kenya is not in the habit of entering into alliances.",
])
def test_negation_over_complements_still_holds(annotate, text):
    assert not [e for e in events(annotate, text) if e.action in ("sign", "ratify")]


def test_modal_clause_on_the_noun_is_planned_not_asserted(annotate):
    evs = events(annotate, "Chad did not attend the talks on the trade deal that Sudan will sign in May.")
    assert [e.modality for e in evs if e.trigger == "sign"] == ["planned"]


@pytest.mark.parametrize("text,action", [
    ("Chad and Sudan signed a truce which has failed to stop the raids.", None),
    ("The border truce between Chad and Sudan failed to stop the raids.", None),
    ("The border truce between Chad and Sudan failed on Monday.", "terminate"),
    ("The border truce between Chad and Sudan collapsed.", "terminate"),
])
def test_a_failure_head_with_an_infinitive_is_no_failure_of_the_deal(annotate, text, action):
    acts = [e.action for e in events(annotate, text) if e.trigger == "failed" or e.trigger == "collapsed"]
    assert acts == ([action] if action else [])
