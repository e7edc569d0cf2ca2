"""Agreement events: every action, both voices, negation, modality, coreference, parties."""
import pytest

from transforms.extract.records import AgreementEvent


def events(annotate, text, published="2021-03-10"):
    doc = annotate(text, published)
    assert not doc._.errors, doc._.errors
    return [e for e in doc._.agreements if e.action != "mention"]


def one(annotate, text, action, published="2021-03-10"):
    evs = [e for e in events(annotate, text, published) if e.action == action]
    assert evs, [(e.action, e.actors, e.trigger) for e in events(annotate, text, published)]
    return evs[0]


@pytest.mark.parametrize("text,action,parties", [
    ("Japan and India signed a defense pact on Tuesday.", "sign", {"JPN", "IND"}),
    ("Ukraine ratified a trade agreement with the European Union.", "ratify", {"UKR", "EU"}),
    ("Chile is negotiating a trade deal with Canada.", "negotiate", {"CHL", "CAN"}),
    ("Peru proposed a ceasefire with Ecuador.", "propose", {"PER", "ECU"}),
    ("Norway and Sweden extended their fisheries accord for five years.", "extend", {"NOR", "SWE"}),
    ("Kenya has begun to implement the peace agreement with Uganda.", "implement", {"KEN", "UGA"}),
    ("Turkey suspended its migration deal with Greece.", "suspend", {"TUR", "GRC"}),
    ("Brazil scrapped a military alliance with Argentina.", "terminate", {"BRA", "ARG"}),
    ("France withdrew from the arms treaty with Poland.", "withdraw", {"FRA", "POL"}),
    ("Egypt rejected a security pact with Libya.", "reject", {"EGY", "LBY"}),
    ("Mali violated the ceasefire with Niger.", "violate", {"MLI", "NER"}),
])
def test_every_action(annotate, text, action, parties):
    ev = one(annotate, text, action)
    assert isinstance(ev, AgreementEvent)
    assert set(ev.actors) == parties
    assert set(ev.parties) == parties
    assert ev.sentence_start == 0 and ev.sentence_end == len(text)


def test_passive_voice(annotate):
    ev = one(annotate, "The pact was scrapped by Manila last week.", "terminate")
    assert "PHL" in ev.actors


def test_terminate_and_sign_from_one_sentence(annotate):
    text = ("In February the Duterte administration of the Philippines announced it would end a visiting "
            "forces agreement signed with Washington in 1998.")
    evs = events(annotate, text, "2020-02-25")
    by_action = {e.action: e for e in evs}
    assert set(by_action) >= {"terminate", "sign"}
    assert set(by_action["terminate"].actors) == {"PHL", "USA"}
    assert set(by_action["sign"].actors) == {"PHL", "USA"}
    assert by_action["sign"].agreement_name == "Visiting Forces Agreement"
    assert by_action["sign"].agreement_acronym == "VFA"
    assert by_action["sign"].agreement_type == "status_of_forces"


def test_rule_out_alliance_is_reject(annotate):
    ev = one(annotate, "Spain has ruled out the possibility of a military alliance with Morocco.", "reject")
    assert set(ev.actors) == {"ESP", "MAR"}
    assert ev.agreement_type == "alliance"


def test_no_interest_is_reject(annotate):
    ev = one(annotate, "Vietnam has no interest in military alliances.", "reject")
    assert ev.actors == ["VNM"]


def test_negation(annotate):
    # a signing said not to have happened is no event (GUIDELINES: only what happened, is
    # planned, refused or cancelled); the reference stays a mention, negative
    doc = annotate("Cuba did not sign the treaty with Mexico.", "2021-03-10")
    assert [e.action for e in doc._.agreements] == ["mention"]
    assert doc._.agreements[0].polarity == "negative"


def test_modality_planned(annotate):
    ev = one(annotate, "Thailand plans to sign a trade pact with Laos.", "sign")
    assert ev.modality == "planned"
    ev = one(annotate, "Ghana said it would end the deal with Togo.", "terminate")
    assert ev.modality in ("possible", "planned")


def test_try_to_reach_is_negotiate_and_urge_is_propose(annotate):
    one(annotate, "Qatar is trying to broker a peace pact between Sudan and Chad.", "negotiate")
    ev = one(annotate, "Germany urged Armenia and Azerbaijan to observe the ceasefire.", "propose")
    assert set(ev.actors) == {"ARM", "AZE"}


def test_proposal_and_its_rejection(annotate):
    evs = events(annotate, "Iran rejected Iraq's proposal for a cease-fire.")
    acts = {e.action: set(e.actors) for e in evs}
    assert acts.get("propose") == {"IRN", "IRQ"} or acts.get("propose") == {"IRQ", "IRN"}
    assert "reject" in acts and "IRN" in acts["reject"]


def test_coreferent_the_pact_takes_the_last_name(annotate):
    text = ("The Philippines and the US signed the Enhanced Defense Cooperation Agreement in 2014. "
            "Two years later Manila suspended the pact.")
    evs = events(annotate, text)
    susp = [e for e in evs if e.action == "suspend"]
    assert susp and susp[0].agreement_name == "Enhanced Defense Cooperation Agreement"
    assert susp[0].agreement_acronym == "EDCA"
    assert "PHL" in susp[0].actors


def test_event_date_from_governing_timex(annotate):
    ev = one(annotate, "Israel and Jordan signed a water agreement in 1994.", "sign")
    assert ev.event_date == "1994"


def test_mentions_are_not_events(annotate):
    assert events(annotate, "Under the agreement, troops may visit the islands.") == []
    assert events(annotate, "The talks were held in a hotel.") == []


def test_named_agreement_acronym(annotate):
    ev = one(annotate, "Washington withdrew from the JCPOA.", "withdraw")
    assert ev.agreement_name == "Joint Comprehensive Plan of Action"
    assert ev.agreement_type == "arms_control"
    assert ev.actors == ["USA"]


def test_hyphenated_pair_names_both_sides(annotate):
    ev = one(annotate, "Diplomats said a U.S.-Soviet accord was signed in Geneva on Friday.", "sign")
    assert set(ev.actors) == {"USA", "SUN"}


def test_ceasefire_binds_the_country_of_the_war(annotate):
    ev = one(annotate, "France and Germany said they had reached an agreement on a truce in Libya.", "sign")
    assert set(ev.actors) == {"FRA", "DEU", "LBY"}
    assert ev.agreement_type == "ceasefire"


def test_later_events_carry_the_agreements_parties(annotate):
    text = ("France and Germany signed a ceasefire agreement in Libya on Monday. "
            "Officials said the ceasefire had been violated on Tuesday.")
    evs = events(annotate, text)
    later = [e for e in evs if e.action == "violate"]
    assert later, [(e.action, e.actors) for e in evs]
    assert set(later[0].actors) == {"FRA", "DEU", "LBY"}


def test_stance_keeps_its_own_party(annotate):
    text = ("France and Germany signed a ceasefire agreement in Libya on Monday. "
            "Greece said it had agreed to the possibility of a truce.")
    ev = [e for e in events(annotate, text) if e.action == "propose"]
    assert ev and set(ev[0].actors) == {"GRC"}


def test_a_deal_with_no_party_name_or_kind_is_only_a_mention(annotate):
    doc = annotate("The party signed a two-year deal for the seaside town to host its autumn conference.",
                   "2005-02-01")
    assert [e.action for e in doc._.agreements] in ([], ["mention"])
    doc = annotate("Britain signed a deal with Tanzania on debt relief on Monday.", "2005-02-01")
    assert [(e.action, sorted(e.parties)) for e in doc._.agreements] == [("sign", ["GBR", "TZA"])]


# ----------------------------------------------------------------------------- named passes

def test_component_declares_its_lexicons_and_attributes(nlp):
    meta = nlp.get_pipe_meta("agreement_extractor")
    assert meta.assigns == ["doc._.agreements"]
    assert "doc._.actor_mentions" in meta.requires and "doc._.timexes" in meta.requires
    assert nlp.config["components"]["agreement_extractor"]["lexicons"] is None


def test_lexicon_reads_the_folder_it_is_given(tmp_path):
    import json
    import shutil
    from transforms.extract.agreements import Lexicon
    from transforms.nlp.lexicon import LEXICON_ROOT
    folder = tmp_path / "agreements"
    shutil.copytree(f"{LEXICON_ROOT}/agreements", folder)
    ctx = json.loads((folder / "context.json").read_text())
    ctx["sides_words"] = ["sides"]
    (folder / "context.json").write_text(json.dumps(ctx))
    assert Lexicon(str(folder)).sides_words == {"sides"}
    assert "parties" in Lexicon().sides_words
    assert Lexicon(str(folder)).verbs == Lexicon().verbs


def test_find_governors_climbs_to_the_verb(annotate):
    from transforms.extract.agreements import Lexicon, _build_matchers, find_governors, find_nominals
    doc = annotate("Brazil scrapped a military alliance with Argentina.")
    lex = Lexicon()
    noms = find_nominals(doc, lex, _build_matchers(doc.vocab, lex))
    assert [(n.head.text, n.atype) for n in noms] == [("alliance", "alliance")]
    assert [(g.token.text, g.action) for g in find_governors(noms[0], lex)] == [("scrapped", "terminate")]


def test_governors_through_an_action_noun(annotate):
    from transforms.extract.agreements import Lexicon, _build_matchers, find_governors, find_nominals
    doc = annotate("Iran rejected Iraq's proposal for a cease-fire.")
    lex = Lexicon()
    nom = find_nominals(doc, lex, _build_matchers(doc.vocab, lex))[0]
    assert [(g.token.text, g.action, g.via_noun) for g in find_governors(nom, lex)] == [
        ("proposal", "propose", True), ("rejected", "reject", False)]


def test_modality_of_a_planned_signature(annotate):
    from transforms.extract.agreements import Lexicon, modality_of
    doc = annotate("Thailand plans to sign a trade pact with Laos.")
    sign = next(t for t in doc if t.text == "sign")
    mod = modality_of(sign, Lexicon())
    assert (mod.polarity, mod.modality, mod.turned, mod.proposal) == ("positive", "planned", None, None)


def test_clipped_sentence_bounds_keep_200_characters_around_the_event(annotate):
    from transforms.extract.agreements import CLIP_CONTEXT_CHARS, _clipped_sentence_bounds
    filler = ", ".join(["and the officials met again in the capital"] * 20)
    text = f"Japan and India signed a defense pact on Tuesday {filler}.  "
    doc = annotate(text)
    signed = next(t for t in doc if t.text == "signed")
    start, end = _clipped_sentence_bounds(doc, [signed])
    assert start == 0 and end == signed.idx + len(signed) + CLIP_CONTEXT_CHARS
    short = annotate("Japan and India signed a defense pact.  ")
    assert _clipped_sentence_bounds(short, [short[2]]) == (0, len("Japan and India signed a defense pact."))


def test_a_state_that_breaks_or_keeps_the_agreement_is_one_of_its_parties(annotate):
    # the article gives the truce a third party when that one violates or keeps it; later
    # events on the truce carry all three
    for breach in ("Sudanese troops violated the ceasefire on Tuesday.",
                   "The ceasefire was violated by Sudan on Tuesday.",
                   "Sudan has been observing the ceasefire since Tuesday."):
        text = ("Kenya and Uganda signed a ceasefire agreement on Monday. " + breach
                + " Officials said the ceasefire took effect on Wednesday.")
        evs = events(annotate, text)
        acts = [e for e in evs if e.action in ("violate", "implement")]
        assert len(acts) >= 2, [(e.action, e.actors, e.trigger) for e in evs]
        for ev in acts:
            assert set(ev.actors) == {"KEN", "UGA", "SDN"}, (breach, ev.trigger, ev.actors)


def test_who_is_behind_breaches_or_wants_the_agreement_joins_no_party_set(annotate):
    text = ("Kenya and Uganda signed a ceasefire agreement on Monday. "
            "Officials said Sudan was behind violations of the ceasefire. "
            "The ceasefire took effect on Wednesday.")
    later = [e for e in events(annotate, text) if e.trigger == "took"]
    assert later and set(later[0].actors) == {"KEN", "UGA"}
    text = ("Kenya and Uganda signed a ceasefire agreement on Monday. "
            "Sudan did not violate the ceasefire. Sudan proposed a new ceasefire. "
            "The ceasefire took effect on Wednesday.")
    later = [e for e in events(annotate, text) if e.trigger == "took"]
    assert later and set(later[0].actors) == {"KEN", "UGA"}


@pytest.mark.parametrize("text,action,parties", [
    ("Kenya signed the U.N. arms trade treaty on Monday.", "sign", {"KEN"}),
    ("The U.N. arms trade treaty was ratified by Kenya on Monday.", "ratify", {"KEN"}),
    ("Chad would violate the United Nations Convention on the Law of the Sea.", "violate", {"TCD"}),
    # the UN as a side named by the text, and as the convenor of its talks, stays
    ("The United Nations signed an agreement with Mali on Monday.", "sign", {"UN", "MLI"}),
    ("U.N. talks on a ceasefire in Yemen resumed on Monday.", "negotiate", {"UN", "YEM"}),
])
def test_the_forum_of_a_treaty_is_no_party(annotate, text, action, parties):
    assert set(one(annotate, text, action).actors) == parties


def test_a_treaty_not_ratified_is_no_event_whatever_its_forum(annotate):
    assert not events(annotate, "Kenya has not ratified the U.N. arms trade treaty.")


def test_a_treaty_host_named_all_through_the_article_is_not_its_pair(annotate):
    opening = ("The United Nations said on Monday that fighting had stopped in Chad and Niger. "
               "The United Nations hailed the calm in Chad and Niger. ")
    ev = one(annotate, opening + "The ceasefire took effect at midnight.", "implement")
    assert set(ev.actors) == {"TCD", "NER"}
    # talks it holds are the host's too
    ev = one(annotate, opening + "Peace talks resumed in Geneva on Tuesday.", "negotiate")
    assert "UN" in ev.actors
