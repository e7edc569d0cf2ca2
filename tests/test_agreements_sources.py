"""Agreement events (issue 17, fourth round): party conventions, efforts to reach a deal,
deals to buy a company, what an action would do, talks going on, parties through method
nouns. Sentences written for these tests."""
import pytest

from test_agreements import events, one as by_action


# a party's convention is a meeting, not an instrument --------------------------------------

@pytest.mark.parametrize("text", [
    "Some delegates are talking about the possibility of a contested convention in July.",
    "She attacked the plan in a speech at her party's convention in Ohio.",
    "The caucuses lead to the parties' nominating conventions in July.",
    "Delegates will not sign up to a brokered convention, he said.",
])
def test_party_conventions_are_no_agreement(annotate, text):
    assert events(annotate, text) == []


@pytest.mark.parametrize("text,action,parties", [
    ("Chile signed the Convention on Biological Diversity in 1994.", "sign", {"CHL"}),
    ("Peru ratified the chemical weapons convention last year.", "ratify", {"PER"}),
    ("Bolivia has not ratified the European Convention on Human Rights.", None, set()),
])
def test_instrument_conventions_stay(annotate, text, action, parties):
    if action is None:
        assert [e.action for e in events(annotate, text) if e.action in ("sign", "ratify")] == []
    else:
        assert set(by_action(annotate, text, action).actors) == parties


# an effort to reach a deal is a negotiation ----------------------------------------------

@pytest.mark.parametrize("text,parties", [
    ("Efforts to secure a lasting truce between Chile and Peru fell short.", {"CHL", "PER"}),
    ("Chile said efforts to reach a border treaty with Peru would continue.", {"PER"}),
    ("Chile made no effort to reach a border treaty with Peru.", None),
])
def test_efforts_to_reach_a_deal_negotiate(annotate, text, parties):
    evs = events(annotate, text)
    assert "sign" not in [e.action for e in evs]
    if parties is not None:
        assert parties <= set(by_action(annotate, text, "negotiate").actors)


# a deal or talks to buy a company are between companies -------------------------------------

@pytest.mark.parametrize("text", [
    "Comcast, the largest U.S. cable operator, is in talks to buy Hollywood studio Orchid Pictures Inc.",
    "Samsung Electronics said it is in talks to acquire a stake in Chinese automaker BYD.",
    "Pfizer agreed to terminate its agreement to acquire the Irish drug maker Allergan Plc.",
    "A deal to take over the German firm was signed by Japan's Tamaki Corp on Monday.",
    "Brazil's Globo signed a pact to stream football games with the league.",
])
def test_deals_to_buy_a_company_are_no_event(annotate, text):
    assert events(annotate, text) == []


@pytest.mark.parametrize("text,action,parties", [
    ("China signed a deal to buy 24 fighter jets from Russia.", "sign", {"CHN"}),
    ("India is in talks with France to buy 36 Rafale jets.", "negotiate", {"IND", "FRA"}),
    ("Chile and Peru signed a deal to buy gas from Bolivia.", "sign", {"CHL", "PER"}),
    ("Japan did not sign the deal to buy Australian submarines.", None, set()),
])
def test_state_purchase_deals_stay(annotate, text, action, parties):
    if action is None:
        assert "sign" not in [e.action for e in events(annotate, text)]
    else:
        assert parties <= set(by_action(annotate, text, action).actors)


@pytest.mark.parametrize("text", [
    "He hails his mastery of negotiating business deals as the experience a president needs.",
    "The only way we can reach an open convention is for the senator to win more states.",
])
def test_business_deals_and_open_conventions(annotate, text):
    assert events(annotate, text) == []


# what an action would do is no event -------------------------------------------------------

@pytest.mark.parametrize("text", [
    "A Greek exit from the euro pact would rock the markets and hurt the economy.",
    "The signing of the pact between Chile and Peru could end the dispute.",
    "The ratification of the treaty by Chile might anger Peru.",
])
def test_what_an_action_would_do_is_no_event(annotate, text):
    assert events(annotate, text) == []


@pytest.mark.parametrize("text,action", [
    ("Chile's ratification of the treaty angered Peru.", "ratify"),
    ("Greece's withdrawal from the pact would take effect in May.", "withdraw"),
    ("Peru's proposal for a truce with Chile would end the war.", "propose"),
])
def test_an_action_that_happened_or_takes_effect_stays(annotate, text, action):
    assert by_action(annotate, text, action).action == action


# the subject of the verb whose object the infinitive hangs from -------------------------------

@pytest.mark.parametrize("text,action,parties", [
    ("The leaders of Ghana and Togo discussed ways to put the border accord into effect.", "negotiate",
     {"GHA", "TGO"}),
    ("Kenya proposed a plan to implement the truce with Somalia.", "implement", {"KEN", "SOM"}),
    ("Ghana and Togo took steps to implement the border accord.", "implement", {"GHA", "TGO"}),
])
def test_parties_through_the_object_noun(annotate, text, action, parties):
    assert set(by_action(annotate, text, action).actors) == parties


def test_a_clause_with_its_own_subject_keeps_it(annotate):
    text = "Ghana signed a deal that Togo later violated."
    assert set(by_action(annotate, text, "violate").actors) == {"TGO"}


# talks said to be going on ---------------------------------------------------------------

@pytest.mark.parametrize("text,parties", [
    ("Talks on a free trade agreement between Vietnam and Chile are under way.", {"VNM", "CHL"}),
    ("Negotiations between Peru and Chile on a border treaty are ongoing.", {"PER", "CHL"}),
    ("Talks on a trade deal between Peru and Chile were in progress last week.", {"PER", "CHL"}),
])
def test_talks_going_on_negotiate(annotate, text, parties):
    assert set(by_action(annotate, text, "negotiate").actors) == parties


@pytest.mark.parametrize("text", [
    "Talks between Peru and Chile on a border treaty are not under way.",
    "Talks on a trade deal between Peru and Chile are difficult.",
])
def test_talks_not_going_on_are_no_event(annotate, text):
    assert "negotiate" not in [e.action for e in events(annotate, text)]


def test_only_method_nouns_pass_the_subject_on(annotate):
    text = "Chile promised to give union leaders the opportunity to discuss the trade deal with Peru."
    assert "CHL" not in by_action(annotate, text, "negotiate").actors


# `the bloc` for the organisation just named ----------------------------------------------

@pytest.mark.parametrize("text,action,parties", [
    ("Denmark joined the European Union in 1973. Decades later, Danes voted to leave the bloc.", "withdraw",
     {"DNK", "EU"}),
    ("ASEAN leaders met in Hanoi on Monday. East Timor will join the bloc next year.", "extend",
     {"TLS", "ASEAN"}),
    ("The EU summit opened on Monday. Serbia does not want to leave the bloc's trade zone.", None, set()),
])
def test_the_bloc_is_the_organisation_named_before(annotate, text, action, parties):
    evs = [e for e in events(annotate, text) if "EU" in e.actors or "ASEAN" in e.actors]
    if action is None:
        assert [e for e in evs if e.action in ("withdraw", "extend")] == []
    else:
        ev = [e for e in evs if e.action == action][-1]
        assert set(ev.actors) == parties


def test_the_bloc_with_no_organisation_before_is_no_member(annotate):
    text = "Chile said on Monday that Peru voted to leave the bloc."
    assert events(annotate, text) == []
