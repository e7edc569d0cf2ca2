"""Agreement events as news states them (issue 17): every action wherever it is stated,
predicates grouped by action, membership, the agreement followed through the article,
negation and condition, deals that are no agreements. Sentences written for these tests."""
import pytest

from test_agreements import events, one as by_action


def actions(annotate, text):
    return sorted(e.action for e in events(annotate, text))


# 1. every action in a sentence, wherever it is stated ------------------------------------

@pytest.mark.parametrize("text,expected", [
    # participles and relative clauses on the agreement noun, coordinated
    ("Ghana and Togo said the border accord, signed in 2010 and ratified two years later, had collapsed.",
     ["ratify", "sign", "terminate"]),
    ("Chile and Peru praised the trade pact, which took effect on Monday.", ["implement"]),
    # a participle the parser reads as the noun's verb (`the deal agreed last year would be ...`)
    ("Oman and Yemen said the fisheries deal agreed in May would be implemented soon.", ["implement", "sign"]),
    # coordinated verbs sharing one object
    ("Kenya and Uganda signed and ratified the water treaty.", ["ratify", "sign"]),
    # nominalisations
    ("Brazil's withdrawal from the arms treaty with Argentina surprised diplomats.", ["withdraw"]),
    ("The signing of the defence pact between Japan and India was welcomed.", ["sign"]),
    # particle verbs, and `it` for the agreement of the clause before
    ("Serbia pulled out of the trade treaty with Croatia in 2019 and Croatia walked away from it a year later.",
     ["withdraw", "withdraw"]),
])
def test_every_action_wherever_stated(annotate, text, expected):
    assert actions(annotate, text) == expected


def test_end_a_pact_signed_before_is_two_events(annotate):
    evs = events(annotate, "Peru will end the security agreement it signed with Bolivia in 2015.")
    assert sorted(e.action for e in evs) == ["sign", "terminate"]
    assert all(set(e.actors) == {"PER", "BOL"} for e in evs)


# 2. predicates as data, grouped by action, both voices ----------------------------------

@pytest.mark.parametrize("text,action", [
    ("Armenia and Azerbaijan hammered out a ceasefire on Sunday.", "sign"),
    ("A ceasefire was hammered out by Armenia and Azerbaijan on Sunday.", "sign"),
    ("Egypt and Israel clinched a gas deal.", "sign"),
    ("A truce between Sudan and Chad took effect at midnight.", "implement"),
    ("The trade agreement between Vietnam and Laos came into force in May.", "implement"),
    ("Mali says it abides by the peace agreement with Niger.", "implement"),
    ("Georgia flouted the ceasefire with Russia.", "violate"),
    ("The ceasefire with Russia was breached by Georgia on Friday.", "violate"),
    ("Iran froze its nuclear deal with France.", "suspend"),
    ("Canada and Mexico renewed their fisheries accord.", "extend"),
    ("The truce between Israel and Hamas collapsed on Tuesday.", "terminate"),
    ("Iran put the nuclear deal with France on hold.", "suspend"),
    ("Serbia put the trade agreement with Kosovo into effect on Monday.", "implement"),
])
def test_predicates_by_action(annotate, text, action):
    assert by_action(annotate, text, action)


@pytest.mark.parametrize("text,action,parties", [
    ("Montenegro joined NATO in 2017.", "extend", {"MNE", "NATO"}),
    ("Sweden was admitted to NATO on Thursday.", "extend", {"SWE", "NATO"}),
    ("Albania became a member of NATO in 2009.", "extend", {"ALB", "NATO"}),
    ("Ukraine applied for membership in the European Union.", "propose", {"UKR", "EU"}),
    ("Turkey vetoed Finland's accession to NATO.", "reject", {"TUR", "FIN", "NATO"}),
    ("Croatia will join the European Union next year.", "extend", {"HRV", "EU"}),
    ("Britain voted to leave the European Union.", "withdraw", {"GBR", "EU"}),
])
def test_membership(annotate, text, action, parties):
    assert set(by_action(annotate, text, action).actors) == parties


@pytest.mark.parametrize("text,parties", [
    ("Norway need not send a letter to the European Union to trigger a countdown to its exit from the bloc.",
     {"NOR", "EU"}),
    ("The European Union expects Norway to pay its dues until it leaves the bloc.", {"NOR", "EU"}),
    ("Norway's finance minister said the economy could cope with the shock caused by its vote to leave "
     "the European Union.", {"NOR", "EU"}),
])
def test_it_as_the_member_is_the_state_before_it(annotate, text, parties):
    ev = by_action(annotate, text, "withdraw")
    assert set(ev.actors) == parties


def test_it_with_no_state_before_it_adds_no_member(annotate):
    ev = by_action(annotate, "Officials said it would leave the European Union in May.", "withdraw")
    assert ev.actors == ["EU"]


def test_bid_to_join_and_its_fate(annotate):
    evs = events(annotate, "Hungary blocked Sweden's bid to join NATO.")
    assert {e.action for e in evs} == {"reject", "propose"}
    assert all({"SWE", "NATO"} <= set(e.actors) for e in evs)


@pytest.mark.parametrize("text", [
    "Fighters from many countries crossed the border to join Islamic State.",
    "Saudi Arabia asked fellow OPEC members to cut output.",
])
def test_not_membership(annotate, text):
    assert not [e for e in events(annotate, text) if e.agreement_type == "alliance"]


# 3. the agreement followed through the article ------------------------------------------

def test_parties_carried_to_the_deal(annotate):
    text = ("Bolivia and Paraguay signed a water-sharing agreement on Monday. "
            "The deal took effect on Wednesday.")
    implement = by_action(annotate, text, "implement")
    assert set(implement.actors) == {"BOL", "PRY"}


def test_pronoun_is_the_last_agreement(annotate):
    text = "Japan and India signed a defence pact in May. It took effect in June."
    implement = by_action(annotate, text, "implement")
    assert implement.agreement_type == "defense_pact"
    assert set(implement.actors) == {"JPN", "IND"}


def test_pronoun_without_an_agreement_is_nothing(annotate):
    assert events(annotate, "The minister said it took effect in June.") == []


# 4. governing predicate, negation and condition decide the action ------------------------

@pytest.mark.parametrize("text,action", [
    ("Russia refused to sign the treaty.", "reject"),
    ("Moscow would not accept the deal with Kyiv.", "reject"),
    ("Serbia will not ratify the border treaty with Kosovo.", "reject"),
    ("Israel failed to respect the ceasefire with Hamas.", "violate"),
    ("Spain tried to reach a trade deal with Morocco.", "negotiate"),
    ("Leaders of Spain and Italy meet in Rome on Thursday to agree on a trade deal.", "negotiate"),
    ("Germany urged Serbia and Kosovo to sign the accord.", "propose"),
    ("Talks between Armenia and Azerbaijan collapsed on Friday.", "negotiate"),
    ("Officials from Chad and Sudan talked about ways to put the accord into effect.", "negotiate"),
    ("The rebels said they were open to accepting the peace agreement with Colombia.", "propose"),
    ("Colombia is ready to sign the peace agreement with the rebels.", "propose"),
])
def test_governing_predicate_decides(annotate, text, action):
    assert by_action(annotate, text, action)


@pytest.mark.parametrize("text", [
    "Should either side break the truce, the talks would end.",
    "If Russia violates the treaty, Norway will respond.",
    "Georgia did not violate the ceasefire with Russia.",
    "Officials said the incident did not torpedo the nuclear accord between Iran and France.",
    "We are not facing a violation of the truce between Sudan and Chad.",
])
def test_conditions_and_negated_breaches_are_no_event(annotate, text):
    assert [e for e in events(annotate, text) if e.action in ("violate", "terminate", "reject")] == []


@pytest.mark.parametrize("text", [
    # an indirect question (whether), in either voice and under any modal
    "Voters in Norway decided on Thursday whether to quit the European Union.",
    "Peru is deeply divided over a vote on whether it should leave the trade pact with Chile.",
    "The minister declined to speculate on whether a truce with Chad could be reached.",
    "Ghana will decide next week whether the border treaty with Togo will be ratified.",
    "Ghana questioned whether Togo really wanted a deal.",
    # what may happen: a clause or `of` phrase on a noun of possibility or fear
    "Markets fell on the possibility that Norway will leave the European Union.",
    "Ghana played down any chance of reaching a truce with Togo.",
    "Fears that Peru could quit the trade pact with Chile weighed on the sol.",
    "Analysts voiced concerns that the border treaty may be rejected by Togo.",
    "The threat of Norway leaving the European Union hit shares.",
])
def test_open_questions_and_possibilities_are_no_event(annotate, text):
    assert events(annotate, text) == []


@pytest.mark.parametrize("text", [
    # a condition above the governor, not only its own clause
    "If Norway becomes the first state to leave the European Union, markets will fall.",
    "If Ghana is forced to sign the treaty with Togo, it will protest.",
    "If the treaty with Togo is not ratified by Ghana, it will lapse.",
])
def test_a_condition_above_the_governor_is_no_event(annotate, text):
    assert [e for e in events(annotate, text) if e.action in ("withdraw", "sign", "ratify", "reject")] == []


@pytest.mark.parametrize("text,action", [
    ("Whether or not Togo agrees, Ghana will sign the border treaty.", "sign"),
    ("Ghana and Togo reached a truce despite fears of renewed fighting.", "sign"),
    ("Ghana signed the treaty with Togo, ending the risk of war.", "sign"),
])
def test_a_question_or_fear_beside_the_event_leaves_it(annotate, text, action):
    assert by_action(annotate, text, action)


@pytest.mark.parametrize("text", [
    "Ghana and Togo agreed a ceasefire in May, though the truce has not been fully implemented.",
    "Ghana and Togo agreed a ceasefire in May, though Togo has not implemented it.",
])
def test_a_head_does_not_plan_an_adverbial_clause(annotate, text):
    # `agreed` plans its complement (`agreed to implement`), not a clause after `though`:
    # a negated implement there is no event, not a refusal
    assert [e.action for e in events(annotate, text)] == ["sign"]


def test_a_question_is_not_a_condition(annotate):
    ev = by_action(annotate, "Asked if Moscow ruled out an alliance with Manila, he said no.", "reject")
    assert ev.agreement_type == "alliance"


def test_planned_sign_stays_a_sign(annotate):
    ev = by_action(annotate, "Spain hopes to finalize a deal with Italy next week.", "sign")
    assert ev.modality == "planned"


# 5. deals that are not agreements -------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Yahoo Inc has entered into a partnership with the National Hockey League.",
    "Microsoft signed a deal with Activision Blizzard on Tuesday.",
    "The striker signed a two-year deal with the club.",
])
def test_company_and_people_deals_are_no_event(annotate, text):
    assert events(annotate, text) == []


@pytest.mark.parametrize("text", [
    # a company or a private person as a side, though a state is named too (both voices)
    "A Spanish hotel chain signed a deal with the Cuban government to run two resorts.",
    "A deal with the Cuban government was signed by a Spanish hotel chain.",
    "Brazil's Lumen Systems Corp scrapped its merger pact with a rival.",
    "The defendant reached a plea deal with prosecutors on Monday.",
    "The company said it had signed an agreement with the Chinese government.",
    "The company said it would sign an agreement with the Chinese government.",
    "Kenya's biggest carrier is in talks with several investors.",
    "Mexico's largest lender said it would not sign the agreement with its creditors.",
    # a stock ticker in brackets beside a side's name
    "Sweden's Nordvik (NRDV.ST), which signed a licence deal with Apple (AAPL.O), grew fast.",
    "Norway's Fjordtel (FJT.OL) will sign a deal with the Indian government on Monday.",
])
def test_a_company_side_makes_a_deal_private(annotate, text):
    assert events(annotate, text) == []


@pytest.mark.parametrize("text", [
    # a body within one state as a side (both voices), though a state agency is named too
    "The Dayton city council approved the agreement with the U.S. Justice Department.",
    "The agreement with the U.S. Justice Department was approved by the Dayton city council.",
    "California Governor Ann Lee struck a deal with legislative leaders to raise the minimum wage.",
    "The U.S. president reached an agreement with labor leaders to raise the minimum wage.",
])
def test_domestic_bodies_make_no_agreement(annotate, text):
    assert events(annotate, text) == []


@pytest.mark.parametrize("text,action,parties", [
    # a name with one of those words is no domestic body
    ("The U.N. Security Council endorsed the truce between Sudan and Chad.", None, {"SDN", "TCD"}),
    ("Mexico City hosted the signing of a border accord by Mexico and Guatemala.", "sign", {"GTM", "MEX"}),
    # a parliament ratifying a treaty is no domestic deal
    ("Ukraine's legislature ratified the border treaty with Moldova.", "ratify", {"MDA", "UKR"}),
    ("The border treaty with Moldova was ratified by Ukraine's legislature.", "ratify", {"MDA", "UKR"}),
])
def test_names_with_domestic_words_stay(annotate, text, action, parties):
    evs = [e for e in events(annotate, text) if action is None or e.action == action]
    assert evs and parties <= set(evs[0].actors)


@pytest.mark.parametrize("text,action,parties", [
    ("The European Union signed a trade deal with Vietnam.", "sign", {"EU", "VNM"}),
    ("A trade deal with Vietnam was signed by the European Union.", "sign", {"EU", "VNM"}),
    ("Colombia said it would not sign the peace accord with the rebels.", "reject", {"COL"}),
    ("India signed a defence deal with the U.S.", "sign", {"IND", "USA"}),
])
def test_a_state_deal_stays_beside_private_words(annotate, text, action, parties):
    evs = [e for e in events(annotate, text) if e.action == action]
    assert evs and set(evs[0].actors) == parties


@pytest.mark.parametrize("text", [
    # a court's approval of a settlement
    "The settlement deal must be approved by U.S. District Judge Anna Reyes in Boston.",
    "A federal judge rejected the deal with the state of Ohio.",
    # procedures, not instruments: a protocol or charter of a department, a party, a network
    "The officers violated department protocol when they arrested him.",
    "The arrest was in violation of State Department protocol.",
    "The company was forced to break its digital security protocols.",
    "The leader ruled in open violation of the party charter.",
])
def test_courts_and_procedures_are_no_agreement(annotate, text):
    assert events(annotate, text) == []


@pytest.mark.parametrize("text,action", [
    ("Japan ratified the Kyoto Protocol in 2002.", "ratify"),
    ("Iran violated the additional protocol with the IAEA.", "violate"),
    ("A transit protocol was signed by Russia and Ukraine in Minsk.", "sign"),
])
def test_instruments_named_protocol_stay(annotate, text, action):
    assert by_action(annotate, text, action)


def test_a_state_deal_with_a_company_name_nearby_stays(annotate):
    ev = by_action(annotate, "France and India signed a deal for 36 Rafale jets made by Dassault.", "sign")
    assert set(ev.actors) == {"FRA", "IND"}


# 7. confidence by rule family -----------------------------------------------------------

def test_confidence_follows_the_rule_family(annotate):
    with_parties = by_action(annotate, "Japan and India signed a defence pact on Tuesday.", "sign")
    text = "Japan and India signed a defence pact in May. It took effect in June."
    pronoun = by_action(annotate, text, "implement")
    assert 0.0 < pronoun.confidence < with_parties.confidence <= 1.0


def test_an_article_of_company_deals_has_no_event(annotate):
    text = ("French firms Orchid Telecom and Bramble Networks Inc said their merger deal had collapsed. "
            "Each party would have been able to withdraw from the deal, a source said.")
    assert events(annotate, text) == []


@pytest.mark.parametrize("text", [
    # the body within one state is the subject of the verb the infinitive completes
    "The Dayton city council voted on Monday to accept the agreement with the U.S. Justice Department.",
    "The Dayton city council refused to approve the agreement with the U.S. Justice Department.",
    "The two companies still aim to finalize the deal with the Chilean government this month.",
    "A federal judge will have to approve the settlement deal with the U.S. government.",
])
def test_a_domestic_or_company_controller_makes_no_agreement(annotate, text):
    assert events(annotate, text) == []


@pytest.mark.parametrize("text,action,parties", [
    # a state as the controller keeps the event; an unknown person stays as before
    ("Peru voted on Monday to accept the trade agreement with Chile.", "propose", {"PER", "CHL"}),
    ("Peru refused to approve the border agreement with Chile.", "reject", {"PER", "CHL"}),
    ("Ukraine's legislature voted to ratify the border treaty with Moldova.", "propose", {"MDA", "UKR"}),
])
def test_a_state_controller_keeps_the_event(annotate, text, action, parties):
    evs = [e for e in events(annotate, text) if e.action == action]
    assert evs and parties <= set(evs[0].actors), [(e.action, e.actors) for e in events(annotate, text)]


ARTICLE_OF_PERU_AND_CHILE = "Peru and Chile signed a border pact in May. Peru and Chile met again in June. "


@pytest.mark.parametrize("text", [
    # singular `talk` as speech: no side at the table, no negotiation topic (the article's
    # pair would otherwise be its sides)
    "The governor was elected after a campaign that featured tough talk about criminals.",
    "The senator's campaign featured loud talk on street crime and taxes.",
])
def test_talk_as_speech_is_no_negotiation(annotate, text):
    assert [e for e in events(annotate, ARTICLE_OF_PERU_AND_CHILE + text) if e.action == "negotiate"] == []


@pytest.mark.parametrize("text,parties", [
    # singular `talk` with a negotiation topic or a state at the table is a negotiation
    ("Peruvian and Chilean envoys met in Lima for talk on limiting nuclear missiles.", {"PER", "CHL"}),
    ("Peru wants direct talk with Chile on the border dispute.", {"PER", "CHL"}),
    # the plural keeps its old reading
    ("Peru and Chile are in talks on fishing quotas.", {"PER", "CHL"}),
])
def test_talk_with_a_topic_or_a_side_is_a_negotiation(annotate, text, parties):
    evs = [e for e in events(annotate, text) if e.action == "negotiate"]
    assert evs and parties <= set(evs[0].actors), [(e.action, e.actors) for e in events(annotate, text)]


@pytest.mark.parametrize("text", [
    # a company no actor lexicon knows controls the infinitive (the article's pair would
    # otherwise be its sides)
    "Japan and Taiwan traded barbs in May. Japan and Taiwan met in June. "
    "Toshiba hoped to finalize the deal by the end of February.",
])
def test_a_company_controller_makes_a_deal_private(annotate, text):
    assert events(annotate, text) == []


def test_a_person_controller_keeps_the_article_deal(annotate):
    # a person may speak for a state: the deal stays an event with the article's sides
    text = ("Peru and Chile met in Lima on Monday. Peru and Chile discussed a border deal. "
            "Ramos hopes to finalize the deal on Friday.")
    assert [e.action for e in events(annotate, text) if e.trigger == "finalize"] == ["sign"]


@pytest.mark.parametrize("text", [
    # a person's agreement under the law, though a state is named (both voices, negation)
    "The singer fled to Mexico after a violation of his probation agreement with the U.S. court.",
    "His probation deal with the Texas court was violated by the singer.",
    "Canada criticized the firm for entering into a nondisclosure agreement with a customer.",
    "The former aide did not violate the terms of his confidentiality agreement with the U.S. senator.",
    "U.S. prosecutors announced the mayor's plea agreement on Monday.",
])
def test_personal_legal_deals_are_no_agreement(annotate, text):
    assert events(annotate, text) == []


@pytest.mark.parametrize("text,action,parties", [
    # the counter-case: a state deal beside such a word elsewhere in the sentence
    ("Peru signed a trade agreement with Chile despite a plea from farmers.", "sign", {"PER", "CHL"}),
    ("Peru violated the border agreement with Chile, a court on probation matters said.", "violate", {"PER", "CHL"}),
])
def test_personal_words_elsewhere_leave_the_state_deal(annotate, text, action, parties):
    evs = [e for e in events(annotate, text) if e.action == action]
    assert evs and parties <= set(evs[0].actors), [(e.action, e.actors) for e in events(annotate, text)]


@pytest.mark.parametrize("text", [
    # a clause that is the subject of a modal verb says what the act would do
    "Leaving the EU would jeopardize the Dutch economy, the Dutch premier said.",
    "The minister warned that to quit the EU could plunge Denmark into recession.",
    "Greece leaving the euro zone and the EU will bring new costs for Greek firms.",
    "He said pulling out of the treaty with Japan might hurt Korea.",
])
def test_a_clause_as_subject_of_a_modal_is_no_event(annotate, text):
    assert events(annotate, text) == []


@pytest.mark.parametrize("text", [
    # an action noun marked as what may happen (both as object and as subject)
    "Markets could be roiled by a possible Dutch exit from the European Union.",
    "Investors fear Denmark's potential withdrawal from the pact with Norway.",
    "A possible extension of the truce between Sudan and Chad was discussed on Monday.",
])
def test_a_possible_action_is_no_event(annotate, text):
    assert [e for e in events(annotate, text) if e.action in ("withdraw", "extend")] == []


@pytest.mark.parametrize("text,action,parties", [
    # the counter-cases: an asserted act, a clause not under a modal, a plain noun
    ("Leaving the EU was the decision Denmark took in 2016.", "withdraw", {"EU"}),
    ("Denmark voted to leave the EU, and leaving it will take two years.", "withdraw", {"DNK", "EU"}),
    ("Denmark's withdrawal from the pact with Norway took effect on Monday.", "withdraw", {"DNK", "NOR"}),
])
def test_asserted_acts_beside_modals_stay(annotate, text, action, parties):
    evs = [e for e in events(annotate, text) if e.action == action]
    assert evs and parties <= set(evs[0].actors), [(e.action, e.actors) for e in events(annotate, text)]


@pytest.mark.parametrize("text", [
    # talks as what a source stands close to: a setting, no negotiation
    "Two sources close to the OPEC discussions told reporters that Peru might get better terms.",
    "A person familiar with the U.S.-Chinese talks said Japan was worried.",
    "Diplomats briefed on the negotiations between Peru and Chile said fishing was the hard part.",
])
def test_talks_a_source_is_close_to_are_no_event(annotate, text):
    assert [e for e in events(annotate, text) if e.action == "negotiate"] == []


@pytest.mark.parametrize("text,parties", [
    # talks with a topic word in that setting still count, as `in nuclear talks` does; talks
    # resumed by the sides themselves are untouched
    ("Officials briefed on the nuclear talks with Iran said Japan was worried.", {"IRN"}),
    ("Peru and Chile resumed talks on fishing quotas, sources close to the government said.", {"PER", "CHL"}),
])
def test_talks_beside_sources_stay(annotate, text, parties):
    evs = [e for e in events(annotate, text) if e.action == "negotiate"]
    assert evs and parties <= set(evs[0].actors), [(e.action, e.actors) for e in events(annotate, text)]
