"""Agreements (issue 17n): a head of nearness (actions.json to_negotiate: close, closer, near,
nearer) turns the action under it into a negotiate: `close to signing a pact` is not yet a
signing. Nearness to the agreement itself (`close to a deal`) stays a mention, as the old dev
gold has it. Sentences written for these tests."""
import pytest

from test_agreements import events
from test_agreements_modality import actions


@pytest.mark.parametrize("text", [
    "Chile and Peru are close to signing a fisheries agreement, officials said.",
    "Togo was close to sealing a border treaty with Ghana on Friday.",
    "Kenya said it could be close to reaching a trade deal with Uganda.",
    "Ghana and Togo are closer to concluding a border accord than ever before.",
])
def test_close_to_an_action_turns_it_into_negotiate(annotate, text):
    assert actions(annotate, text) == ["negotiate"]


def test_close_to_signing_keeps_the_sides(annotate):
    ev = [e for e in events(annotate, "Kenya is close to signing a trade deal with Uganda.") if e.action == "negotiate"]
    assert ev and set(ev[0].actors) == {"KEN", "UGA"}


def test_signing_without_nearness_is_still_a_sign(annotate):
    # without a head of nearness the action stays what it is (both voices)
    assert actions(annotate, "Chile and Peru signed a fisheries agreement on Monday.") == ["sign"]
    assert actions(annotate, "A border treaty was signed by Ghana and Togo on Friday.") == ["sign"]


def test_not_close_to_signing_is_still_a_negotiation(annotate):
    # the talks go on, the deal is not made: a negotiate, never a sign or a reject
    assert actions(annotate, "Kenya is not close to signing a trade deal with Uganda.") == ["negotiate"]


def test_nearness_to_the_deal_itself_is_no_event(annotate):
    assert not actions(annotate, "Chile and Peru are close to a fisheries agreement, officials said.")


def test_near_of_place_turns_nothing(annotate):
    assert actions(annotate, "Chile and Peru signed the agreement in a town near the border.") == ["sign"]
