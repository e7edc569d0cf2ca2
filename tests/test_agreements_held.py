"""Agreement rules of issue 17 (third round), each a pattern found in at least three articles of
unannotated 2016 news: nouns of keeping to an agreement with the side that keeps it. Sentences
written for these tests."""
import pytest

from test_agreements import events, one


# `Russia's commitment to the ceasefire`, `Iran was in compliance with the deal` ------------

@pytest.mark.parametrize("text,action,parties", [
    ("Putin confirmed Russia's commitment to the ceasefire with Ukraine.", "implement", {"RUS", "UKR"}),
    ("Chile reaffirmed its adherence to the fisheries treaty with Peru.", "implement", {"CHL", "PER"}),
    ("Inspectors said Iran was in compliance with the deal it struck with France.", "implement", {"IRN", "FRA"}),
    ("Peru questioned Chile's noncompliance with the border treaty they signed.", "violate", {"PER", "CHL"}),
])
def test_held_noun_with_its_side(annotate, text, action, parties):
    ev = one(annotate, text, action)
    assert set(ev.actors) == parties


@pytest.mark.parametrize("text", [
    # no side holds the noun: watching compliance is no event
    "Monitors from Norway will check compliance with the truce between Peru and Chile.",
    # negated
    "Chile has made no commitment to the treaty with Peru.",
    "Chile did not reaffirm its commitment to the treaty with Peru.",
])
def test_held_noun_without_side_or_negated(annotate, text):
    assert not [e for e in events(annotate, text) if e.action in ("implement", "violate")]


# talks that are resumed, begun or stalled: negotiation_restart_verbs whatever their voice ------

@pytest.mark.parametrize("text,parties", [
    ("Colombia and Venezuela resumed talks in Havana on Monday.", {"COL", "VEN"}),
    ("The talks between Peru and Chile were resumed on Monday.", {"PER", "CHL"}),
    ("Talks between Peru and Chile stalled on Monday.", {"PER", "CHL"}),
])
def test_restarted_talks(annotate, text, parties):
    ev = one(annotate, text, "negotiate")
    assert set(ev.actors) == parties


@pytest.mark.parametrize("text", [
    "Colombia and Venezuela did not resume talks.",                       # negated
    "The deal is meant to allow talks between Peru and Chile to resume.",   # what talks should do
    "The talks between Peru and Chile angered Bolivia.",                  # no negotiation verb
])
def test_talks_not_restarted(annotate, text):
    assert not [e for e in events(annotate, text) if e.action == "negotiate"]


# `the ceasefire has been in place since May`; `no longer` negates ------------------------------

@pytest.mark.parametrize("text,parties", [
    ("The truce between Peru and Chile is in place.", {"PER", "CHL"}),
    ("A fragile ceasefire between Peru and Chile has been in place since May.", {"PER", "CHL"}),
])
def test_in_place_is_implement(annotate, text, parties):
    ev = one(annotate, text, "implement")
    assert set(ev.actors) == parties


def test_in_place_modal_is_not_asserted(annotate):
    ev = one(annotate, "Peru said the truce with Chile would be in place by Friday.", "implement")
    assert ev.modality != "asserted"


@pytest.mark.parametrize("text", [
    "The truce between Peru and Chile is not in place.",
    "The truce between Peru and Chile is no longer in place.",
    "The treaty between Peru and Chile is no longer in force.",
])
def test_not_in_place(annotate, text):
    assert not [e for e in events(annotate, text) if e.action == "implement"]


def test_no_longer_abide_is_a_refusal(annotate):
    assert one(annotate, "Peru will no longer abide by the truce with Chile.", "reject")


# raising predicates: `the truce appears to be holding`, `the pact is due to take effect` ------

@pytest.mark.parametrize("text,action", [
    ("The truce between Peru and Chile appears to be holding.", "implement"),
    ("The agreement between Peru and Chile is due to come into effect in a week.", "implement"),
    ("The pact between Peru and Chile is expected to take effect in May.", "implement"),
    ("The treaty between Peru and Chile is expected to be ratified in May.", "ratify"),
    ("The deal between Peru and Chile seems to have collapsed.", "terminate"),
])
def test_raised_predicate(annotate, text, action):
    ev = one(annotate, text, action)
    assert set(ev.actors) == {"PER", "CHL"}


def test_raised_predicate_in_relative_clause(annotate):
    assert one(annotate, "Chile criticized the deal with Peru that is due to be implemented next month.", "implement")


def test_raised_predicate_modality_and_negation(annotate):
    assert one(annotate, "The pact between Peru and Chile is expected to take effect in May.",
               "implement").modality == "planned"
    assert not [e for e in events(annotate, "The truce between Peru and Chile does not appear to be holding.")
                if e.action == "implement"]


# a company's deal, whose side is the subject of the clause the talks are in or the company
# an `it` stands for, is no agreement event in an article that names states -------------------

@pytest.mark.parametrize("text", [
    "Canada opened an inquiry in May. Acme Corp is in talks with its lenders about a new loan deal.",
    "Canada opened an inquiry in May. Acme Corp said it would sign the supply deal with its lenders next week.",
    "Canada opened an inquiry in May. Acme Corp said it has signed a deal with the banks.",
])
def test_company_sides_through_clause_and_pronoun(annotate, text):
    assert not events(annotate, text)


@pytest.mark.parametrize("text,action", [
    ("Canada opened an inquiry in May. Canada said it would sign the trade deal with Peru.", "sign"),
    ("Canada opened an inquiry in May. Canada is in talks with Peru about a trade deal.", "negotiate"),
])
def test_state_sides_through_clause_and_pronoun(annotate, text, action):
    assert set(one(annotate, text, action).actors) == {"CAN", "PER"}


# membership as a state is no event; becoming a member, or something happening to it, is ------

@pytest.mark.parametrize("text", [
    "Britain's membership of the EU has long divided voters.",
    "Voters will decide on Britain's EU membership in June.",
    "Norway is a member of NATO.",
    "Norway remains a member of NATO.",
])
def test_membership_as_a_state(annotate, text):
    assert not events(annotate, text)


@pytest.mark.parametrize("text,action,parties", [
    ("Montenegro became a member of NATO in 2017.", "extend", {"MNE", "NATO"}),
    ("Montenegro's NATO membership took effect in June.", "extend", {"MNE", "NATO"}),
    ("Turkey's EU membership was blocked by Cyprus.", "reject", {"TUR", "EU", "CYP"}),
    ("Ukraine seeks NATO membership.", "propose", {"UKR", "NATO"}),
])
def test_membership_events(annotate, text, action, parties):
    assert set(one(annotate, text, action).actors) == parties


def test_begin_with_a_purpose_clause_is_still_begin(annotate):
    # `began this week to stem migration`: the infinitive says why, not what happens to the deal
    ev = one(annotate, "A ferry left for Turkey under a deal between the EU and Turkey that began this week "
                       "to stem migration.", "implement")
    assert set(ev.actors) == {"EU", "TUR"}


@pytest.mark.parametrize("text", [
    "Canada fined the firm in May. The board delayed its meeting as talks continue.",
    "Canada fined the firm in May. The firm said it would continue our discussions tomorrow.",
])
def test_talks_no_state_holds_are_no_event(annotate, text):
    assert not events(annotate, text)


# a clause on the talks says they begin, resume or break down --------------------------------

@pytest.mark.parametrize("text,parties", [
    ("Peru and Chile sent envoys to the talks, which resume in Lima next month.", {"PER", "CHL"}),
    ("Peru and Chile sent envoys to the talks that started in Lima on Friday.", {"PER", "CHL"}),
    ("Peru and Chile sent envoys to the talks, which Norway wants to reconvene in May.", {"PER", "CHL"}),
    ("Peru and Chile sent envoys to the negotiations, which collapsed in May.", {"PER", "CHL"}),
])
def test_talks_restarted_in_their_clause(annotate, text, parties):
    assert set(one(annotate, text, "negotiate").actors) >= parties


@pytest.mark.parametrize("text", [
    "Peru and Chile sent envoys to the talks, which did not resume in Lima.",   # negated
    "Peru and Chile refused the talks that Norway refused to reconvene.",       # turned down
    "Peru and Chile sent envoys to the talks, which angered Bolivia.",          # no restart verb
])
def test_talks_not_restarted_in_their_clause(annotate, text):
    assert not [e for e in events(annotate, text) if e.action == "negotiate"]


# commitments kept or broken after an agreement of the article are that agreement -------------

@pytest.mark.parametrize("text,action", [
    ("Peru and Chile signed a fisheries treaty in May. Inspectors said Peru had taken steps to meet its commitments.",
     "implement"),
    ("Peru and Chile signed a fisheries treaty in May. Both sides have honoured their commitments.", "implement"),
    ("Peru and Chile signed a fisheries treaty in May. Chile accused Peru of violating its commitments.", "violate"),
    ("Peru and Chile signed a fisheries treaty in May. Its obligations were breached by Peru.", "violate"),
])
def test_commitments_of_the_article_agreement(annotate, text, action):
    ev = one(annotate, text, action)
    assert set(ev.actors) == {"PER", "CHL"}


@pytest.mark.parametrize("text", [
    "Peru and Chile signed a fisheries treaty in May. Peru did not fulfil its commitments.",  # negated
    "Peru and Chile signed a fisheries treaty in May. Peru has commitments to its farmers.",  # not kept
    "Peru won the election in May. Peru met its commitments to voters.",                     # no agreement
    "Peru and Chile signed a fisheries treaty in May. Peru will meet its spending commitments.",  # other ones
    "Peru and Chile signed a fisheries treaty in May. Peru has honoured its aid commitments.",
])
def test_commitments_without_event(annotate, text):
    assert not [e for e in events(annotate, text) if e.action in ("implement", "violate")]
