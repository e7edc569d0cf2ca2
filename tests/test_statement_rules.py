"""Issue 18 rules, on sentences written for these tests: speaker resolution (1), speaker codes (2),
attribution coverage (3), speaker_mention (4)."""
from __future__ import annotations

import pytest

from transforms.extract.statements.lexicon import StatementLexicon
from transforms.extract.statements.quotes import find_quotes


def _by_quote(nlp, text):
    return {s.quote_text: s for s in nlp(text)._.statements}


def _one(nlp, text, words):
    hits = [s for s in nlp(text)._.statements if words in s.quote_text]
    assert hits, [s.quote_text for s in nlp(text)._.statements]
    return hits[0]


# 1. speaker resolution ----------------------------------------------------------------------

def test_full_name_at_cue_beats_a_namesake(nlp):
    text = ("George W. Bush, the former president, spoke at the rally in Texas. "
            "Jeb Bush said the campaign would go on until the convention.")
    s = _one(nlp, text, "campaign would go on")
    assert s.speaker == "Jeb Bush"


def test_bare_surname_takes_the_last_person_named_before_it(nlp):
    text = ("Jeb Bush said the campaign would go on until the convention. "
            "Later, Bush added that he would visit Ohio next week.")
    assert _one(nlp, text, "visit Ohio").speaker == "Jeb Bush"


def test_pronoun_agrees_in_gender(nlp):
    text = ("Mary Keller met John Brandt in Vienna on Monday. Brandt said the talks had gone well. "
            "She said the two sides remained far apart on the border question.")
    s = _one(nlp, text, "remained far apart")
    assert s.speaker == "Mary Keller" and s.speaker_mention == "She"


def test_description_after_apposition_means_that_person(nlp):
    text = ("France's defence minister, Jean-Yves Le Drian, said the frigates would sail in May. "
            "The minister said two more ships would follow next year.")
    assert _one(nlp, text, "two more ships").speaker == "Jean-Yves Le Drian"


def test_quoted_as_saying_gives_the_person_quoted(nlp):
    s = _one(nlp, "The state agency quoted Gen. Anton Vasko as saying that the drills would continue.",
             "drills would continue")
    assert s.speaker == "Anton Vasko"


def test_dateline_is_never_part_of_the_speaker(nlp):
    text = "OSLO Norway's largest shipping group said on Tuesday its profit fell by a third."
    s = _one(nlp, text, "profit fell")
    assert not s.speaker.startswith("OSLO") and not s.speaker_mention.startswith("OSLO")


def test_cue_inside_a_quote_is_not_the_attribution(nlp):
    text = '"People say we cannot win this seat," said Harold Finch, the party\'s chairman.'
    s = _one(nlp, text, "People say")
    assert s.speaker == "Harold Finch"


def test_dash_after_a_quote_names_its_speaker(nlp):
    text = ("Readers wrote to us.\n\n"
            "\u201cThe new bridge has changed how we live and work in this town.\u201d \u2015 Lena Ortiz\n")
    s = _one(nlp, text, "new bridge")
    assert s.speaker == "Lena Ortiz"


# 2. speaker codes ----------------------------------------------------------------------------

def test_code_is_the_persons_own_not_a_place_in_the_sentence(nlp):
    text = "Karl Weber said in Moscow on Friday that the pipeline would be finished by spring."
    s = _one(nlp, text, "pipeline would be finished")
    assert s.speaker_code != "RUS"


def test_code_from_the_title(nlp):
    text = "Russian Foreign Minister Sergei Lavrov said the talks in Geneva had been useful."
    assert _one(nlp, text, "talks in Geneva").speaker_code == "RUS"


# 3. attribution coverage -------------------------------------------------------------------

def test_doubled_apostrophes_delimit_a_quote():
    text = "''We will not sign this,'' the minister said."
    (q,) = find_quotes(text)
    assert text[q.start:q.end] == "We will not sign this,"


def test_quote_end_keeps_the_whole_clause(nlp):
    text = 'The mayor said it would take "several more hours" before the roads reopen.'
    s = _one(nlp, text, "several more hours")
    assert s.quote_text.endswith("before the roads reopen")


def test_narrators_time_clause_is_cut(nlp):
    text = "The minister reiterated that the ban must stay as he arrived in Cairo for talks."
    s = _one(nlp, text, "ban must stay")
    assert "arrived" not in s.quote_text


def test_a_quote_never_closed_continues_no_ones_words(nlp):
    text = ('“The dam will hold,” the engineer said.\n\n'
            '"The river rose all night and the town slept.\n\n'
            'By morning the water had reached the bridge.')
    assert not [s for s in nlp(text)._.statements if "river rose" in s.quote_text]
    text = ('“The dam will hold,” the engineer said.\n\n'
            '“The river has risen before and the town is still here.”')
    assert _one(nlp, text, "river has risen").speaker_mention == "the engineer"


def test_cue_inside_a_partly_quoted_clause_states_nothing_of_its_own(nlp):
    text = "Okafor said the senator once described the levy as “a tax on hope” when he ran for office."
    st = nlp(text)._.statements
    quoting = [s for s in st if "tax on hope" in s.quote_text]
    assert len(quoting) == 1 and quoting[0].speaker_mention == "Okafor" and quoting[0].quote_type == "mixed"
    text = "The mayor did not say whether she admired what the nurses call “a quiet kind of courage.”"
    assert not [s for s in nlp(text)._.statements if s.speaker_mention == "the nurses"]
    # a clause before its attribution keeps the cue inside it
    text = ('Premier Ana Lutz urged both sides "to spare the villages," '
            'spokesman Piet Molnar was quoted as saying.')
    assert any(s.speaker_mention == "Premier Ana Lutz" for s in nlp(text)._.statements)


def test_as_clause_attributes_the_clause_it_hangs_on(nlp):
    s = _one(nlp, "As the harbour master said last week, the port is “ready for the storm season.”",
             "ready for the storm")
    assert s.speaker_mention == "the harbour master" and s.quote_type == "mixed"
    assert s.quote_text.startswith("the port is") and "last week" not in s.quote_text
    s = _one(nlp, "The first test for a licence is a “clean record of service,” as a ministry memo put it.",
             "clean record")
    assert s.speaker_mention == "a ministry memo" and s.quote_text.startswith("The first test")
    assert not nlp("She put it on the shelf beside the door.")._.statements
    for text in ("The governor told farmers this weekend the bridge would reopen in spring.",
                 "The governor said Tuesday the bridge would reopen in spring."):
        assert _one(nlp, text, "bridge").quote_text == "the bridge would reopen in spring"
    # a date inside the reported clause stays
    assert _one(nlp, "The governor said the bridge would reopen on Tuesday.", "bridge").quote_text \
        == "the bridge would reopen on Tuesday"


def test_attribution_inside_a_clause_states_the_rest_of_it(nlp):
    s = _one(nlp, "Acts of protest, the mayor said, are acts of love for the city and its “tired old streets.”",
             "acts of love")
    assert s.speaker_mention == "the mayor" and s.quote_text.startswith("are acts of love")
    s = _one(nlp, "And perhaps, she said, the plan could help the farmers see the road ahead.", "farmers")
    assert s.quote_text.startswith("the plan could help") and s.speaker_mention == "she"
    # after the clause, with only an adjunct after it: the clause before
    s = _one(nlp, "Tanks fired four shells at the town, witnesses said, in a rare incident.", "Tanks")
    assert s.quote_text == "Tanks fired four shells at the town"
    # a clause with its own attribution is not the outer cue's
    st = nlp("Rebels threatened to shell the port in revenge for a raid on a village where, they said, "
             "twelve people were killed.")._.statements
    threat = [s for s in st if s.cue == "threatened"]
    assert threat and "twelve" not in threat[0].quote_text


def test_quote_introduced_after_a_reported_clause_goes_on_with_it(nlp):
    s = _one(nlp, "Ortiz says she hopes to keep the seat, but she knows that “the river always wins.”", "river")
    assert s.quote_type == "mixed" and s.quote_text.startswith("she hopes to keep the seat")
    s = _one(nlp, "He is claiming that the tax is “a heavy burden on families” but “nobody dares to cut it.”",
             "nobody dares")
    assert s.quote_text.startswith("the tax is") and s.speaker_mention == "He"
    # a clause before its cue ends at the cue: a quote after the cue does not go on with it
    from transforms.extract.statements.extractor import _Cand, _extends_content
    text = "“I admire the drafting” of the bill, Ms. Ode said, “and the care.”"
    doc = nlp(text)
    said = next(t for t in doc if t.text == "said")
    (q0, q1) = find_quotes(text)
    before = _Cand(said.i, said.i + 1, "say", said.i - 1, (q0.start, text.index(", Ms.")), qtype="mixed")
    lex = StatementLexicon.load()
    assert not _extends_content(doc, before, q1, lex)
    after = _Cand(said.i, said.i + 1, "say", said.i - 1, (said.idx + 5, said.idx + 6), qtype="indirect")
    assert _extends_content(doc, after, q1, lex)
    # another sentence is another statement
    st = nlp("The minister said the talks had stalled. “We will try again,” she added.")._.statements
    assert [s.quote_text for s in st if s.quote_type == "direct"] == ["We will try again"]


def test_what_is_stated_never_runs_over_a_paragraph_break(nlp):
    text = ("He is claiming that the tax is “a heavy burden on families” but “nobody dares to cut it.”\n\n"
            "“We will win,” she said. “The river is on our side.”")
    st = nlp(text)._.statements
    assert not [s for s in st if s.speaker_mention == "she" and "tax" in s.quote_text]
    assert {s.quote_text for s in st if s.speaker_mention == "she"} == {"We will win", "The river is on our side."}


def test_cues_of_ruling_urging_and_attacking(nlp):
    s = _one(nlp, "The appeals court ruled that the contract was “void from the start.”", "void")
    assert s.speaker_mention == "The appeals court" and s.quote_type == "mixed"
    s = _one(nlp, "The mayor encouraged residents to “check the river gauges” every night.", "river gauges")
    assert s.speaker_mention == "The mayor"
    assert not nlp("The new policy encouraged investment in the northern region.")._.statements
    s = _one(nlp, "In recent weeks, Ortiz has gone after the mayor as a “spoiled brat.”", "spoiled brat")
    assert s.speaker_mention == "Ortiz" and s.quote_text.startswith("the mayor as")
    assert not nlp("She went after the ball as it rolled toward the river.")._.statements
    # ruling states only a that-clause
    assert not [s for s in nlp("Militias ruled Idlib has been sharing fuel with the towns to its north, "
                               "according to a report.")._.statements if s.cue == "ruled"]


def test_according_to_a_phrase_parsed_as_a_verb_and_object(nlp):
    text = "The host mocked the guests on air every week, according to show insiders."
    doc = nlp(text)
    assert any(t.dep_ == "pcomp" for t in doc)      # the parse this rule is for
    (s,) = [s for s in doc._.statements if s.cue == "according to"]
    assert s.speaker_mention == "show insiders" and s.quote_text.startswith("The host mocked")


def test_clause_before_a_cue_with_its_own_complement_is_not_stated(nlp):
    st = nlp("At the end of her song, Ms. Roy added the words “Vote on Tuesday.”")._.statements
    assert not [s for s in st if "end of her song" in s.quote_text]
    st = nlp("In his latest book, the economist suggested cutting the levy on small farms.")._.statements
    assert not [s for s in st if "latest book" in s.quote_text]
    # with no complement after it, the clause before is what is stated
    s = _one(nlp, "The levy will be cut on small farms, the economist said.", "levy")
    assert s.quote_text == "The levy will be cut on small farms"


def test_request_with_an_infinitive_is_stated(nlp):
    s = _one(nlp, "The council is asking the mayor to close the bridge.", "close the bridge")
    assert s.quote_text == "the mayor to close the bridge" and s.speaker_mention == "The council"
    s = _one(nlp, "The union asked members not to cross the picket line.", "picket")
    assert s.quote_text == "members not to cross the picket line"
    s = _one(nlp, "The coach told his players to “run until you drop.”", "run until")
    assert "his players" not in s.quote_text and s.addressee == "his players"
    # a purpose, not a request
    assert not nlp("She asked for time and went home to rest.")._.statements


def test_relative_aside_after_a_dash_ends_what_is_stated(nlp):
    s = _one(nlp, "The envoy said the plan had the backing of the two capitals -- which have long opposed sanctions.",
             "backing")
    assert s.quote_text == "the plan had the backing of the two capitals"


# 4. speaker_mention --------------------------------------------------------------------------

def test_speaker_mention_is_the_noun_phrase(nlp):
    text = "Officials in the port city, who asked not to be named, said on Monday that the storm would last days."
    s = _one(nlp, text, "storm would last")
    assert s.speaker_mention.startswith("Officials") and "said" not in s.speaker_mention


def test_relative_pronoun_is_the_mention_and_its_antecedent_the_speaker(nlp):
    s = _one(nlp, "The crowd cheered for the singer Ana Ruiz, who joked of the stage, “I have never seen it this full.”",
             "never seen it")
    assert s.speaker_mention == "who" and s.speaker == "Ana Ruiz" and s.quote_type == "direct"
    s = _one(nlp, "The audit, which notes that four ministries overspent, will go to parliament.", "overspent")
    assert s.speaker_mention == "which" and s.quote_text == "four ministries overspent"


def test_an_unnamed_agency_is_not_the_previous_subject(nlp):
    text = "The army shelled the village overnight, killing at least ten people, the agency reported."
    s = _one(nlp, text, "shelled the village")
    assert s.speaker == "agency"


def test_code_from_a_subdivision_in_the_title(nlp):
    text = "Ohio Governor Jane Albers said the plant would reopen in March."
    assert _one(nlp, text, "plant would reopen").speaker_code == "USA"


def test_code_from_the_party_and_state_after_a_name(nlp):
    text = "Sen. Tom Harlan (R-Neb.) said the bill would not pass the chamber."
    assert _one(nlp, text, "bill would not pass").speaker_code == "USA"


def test_noun_cue_with_a_possessive_source(nlp):
    text = "The ministry rejected Moscow's claim that the convoy had carried weapons."
    s = _one(nlp, text, "convoy had carried weapons")
    assert s.speaker == "Moscow" and s.speaker_code == "RUS"


def test_noun_cue_the_tagger_took_for_a_verb(nlp):
    doc = nlp("The talks stalled.\n\nCalls from Lisbon for a truce went unheeded.")
    assert any(t.text == "Calls" and t.tag_.startswith("VB") for t in doc)     # the tagging this rule is for
    (s,) = doc._.statements
    assert s.speaker_mention == "Lisbon" and s.quote_text == "a truce"
    # a verb that is a verb stays one
    assert _one(nlp, "The army calls for calm in the capital.", "calm").speaker_mention == "The army"


def test_verb_of_judging_counts_only_with_quoted_words(nlp):
    quoted = _by_quote(nlp, 'The senator dismissed the plan as "a fantasy" on Tuesday.')
    assert any("a fantasy" in q for q in quoted)
    assert not _by_quote(nlp, "The senator dismissed the plan as unrealistic on Tuesday.")


def test_citing_after_a_cue_adds_no_statement(nlp):
    statements = nlp("Troops moved to the border, the newspaper said, citing two senior officials.")._.statements
    assert [s.cue for s in statements] == ["said"]


def test_transcript_turns_are_statements_of_their_label(nlp):
    text = ("Senator Ann Kowal spoke to the host on Sunday.\n\n"
            "HOST: Will you vote for the budget?\n\n"
            "KOWAL: Not in its present form, and I have told the leadership so.\n")
    s = _one(nlp, text, "Not in its present form")
    assert s.speaker == "Ann Kowal" and s.speaker_mention == "KOWAL" and s.quote_type == "direct"


def test_a_dateline_with_a_colon_is_no_transcript_turn(nlp):
    text = "MANILA: Russia has ruled out a defence pact, the envoy said.\n\nMOSCOW: The talks went on.\n"
    assert all(s.speaker_mention not in ("MANILA", "MOSCOW") for s in nlp(text)._.statements)


def test_second_parenthetical_attribution_starts_after_the_first(nlp):
    text = ("Heavy shelling killed at least 30 people in the north, the Geneva-based Centre for Civilian "
            "Monitoring said, while two car bombs killed 20 people in the port, the group said.")
    s = _one(nlp, text, "two car bombs")
    assert not s.quote_text.startswith("Heavy shelling")


def test_headline_name_and_colon_is_a_statement_of_the_name(nlp):
    text = ("Kowal: Budget ‘Will Not Pass’ in Its Present Form.\n\n"
            "Senator Ann Kowal told reporters on Sunday that she would vote against the budget.\n")
    s = _one(nlp, text, "Budget ‘Will Not Pass’")
    assert s.speaker.endswith("Kowal") and s.speaker_mention == "Kowal" and s.cue == ":"
    assert s.quote_type == "mixed"
    plain = nlp(text.replace("‘Will Not Pass’", "will not pass"))._.statements
    assert [s.quote_type for s in plain if s.cue == ":"] == ["indirect"]


def test_headline_label_or_unnamed_prefix_is_no_speaker(nlp):
    for head in ("Exclusive", "Poll", "The Latest", "Spring Thaw"):
        text = (f"{head}: Budget ‘Will Not Pass’ in Its Present Form.\n\n"
                "Senator Ann Kowal told reporters on Sunday that she would vote against the budget.\n")
        assert not [s for s in nlp(text)._.statements if s.cue == ":"], head


def test_headline_colon_needs_a_following_body(nlp):
    # one paragraph alone is no headline
    assert not [s for s in nlp("Kowal: the budget will not pass.")._.statements if s.cue == ":"]


def test_a_dateline_place_opening_the_text_is_no_headline_speaker(nlp):
    text = "NEW DELHI: Budget Will Not Pass, Officials Fear.\n\nThe finance ministry said the vote was close.\n"
    assert not [s for s in nlp(text)._.statements if s.cue == ":"]


def test_headline_label_stays_no_speaker_when_a_body_name_holds_the_word(nlp):
    text = ("Poll: Budget Vote ‘Too Close to Call’.\n\n"
            "Voters were split over the budget, according to the latest Quinnipiac University Poll.\n")
    assert any(e.label_ == "ORG" and "Poll" in e.text for e in nlp(text).ents)
    assert not [s for s in nlp(text)._.statements if s.cue == ":"]


def test_speech_occasion_hung_on_the_object_is_no_part_of_what_is_stated(nlp):
    s = _one(nlp, "The senator described the tax plan as a “giant giveaway” during a campaign stop in Dayton, Ohio, "
                  "for her party's candidate.", "giant giveaway")
    assert s.quote_text == "the tax plan as a “giant giveaway”"
    s = _one(nlp, 'The envoy called for "a lasting settlement" of the border dispute during talks with '
                  'his Georgian counterpart in Tbilisi.', "lasting settlement")
    assert "talks" not in s.quote_text and s.quote_text.startswith("a lasting settlement")
    # in a reported clause the occasion is part of the words: kept
    s = _one(nlp, "The minister said the shelling had resumed during talks in Geneva.", "shelling")
    assert s.quote_text.endswith("during talks in Geneva")


def _parsed(words, heads, deps, pos, tags):
    import spacy
    from spacy.tokens import Doc
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags,
               lemmas=[w.lower() for w in words])


def test_when_clause_misread_as_relative_ends_a_reported_clause():
    # the parse hangs `when the premier visited` on `strait` as a relative clause
    from transforms.extract.statements.extractor import _cut_trailing
    lex = StatementLexicon.load()
    words = ["they", "backed", "free", "navigation", "in", "the", "strait", "when", "the", "premier", "visited", "Hanoi"]
    heads = [1, 1, 3, 1, 1, 6, 4, 10, 9, 10, 6, 10]
    deps = ["nsubj", "ROOT", "amod", "dobj", "prep", "det", "pobj", "advmod", "det", "nsubj", "relcl", "dobj"]
    pos = ["PRON", "VERB", "ADJ", "NOUN", "ADP", "DET", "NOUN", "SCONJ", "DET", "NOUN", "VERB", "PROPN"]
    tags = ["PRP", "VBD", "JJ", "NN", "IN", "DT", "NN", "WRB", "DT", "NN", "VBD", "NNP"]
    assert _cut_trailing(_parsed(words, heads, deps, pos, tags), 0, 12, lex) == (0, 7)
    # after a noun of time the relative stays: `in the moment when the premier visited Hanoi`
    words[6] = "moment"
    assert _cut_trailing(_parsed(words, heads, deps, pos, tags), 0, 12, lex) == (0, 12)


def test_a_quote_after_a_cut_when_clause_does_not_extend_the_clause(nlp):
    from transforms.extract.statements.extractor import _Cand, _extends_content
    lex = StatementLexicon.load()
    for gap, extends in ((" when the candidate doubted the", False), (" and doubted the", True)):
        text = f'The Herald notes that Ames told Ruiz to "go back to his farm"{gap} governor\'s "Texas roots" in March.'
        doc = nlp(text)
        notes = next(t for t in doc if t.text == "notes")
        q = find_quotes(text)[1]
        cand = _Cand(notes.i, notes.i + 1, "note", notes.i - 1, (text.index("Ames"), text.index('farm"') + 5),
                     qtype="mixed")
        assert _extends_content(doc, cand, q, lex) is extends, gap


def test_occasion_words_that_belong_to_what_is_stated_stay(nlp):
    s = _one(nlp, 'The rebels declared a "pause" in the talks this week.', "pause")
    assert s.quote_text.startswith('a "pause" in the talks')
    s = _one(nlp, "The senator condemned the violence at his rivals' rallies.", "violence")
    assert s.quote_text.endswith("rallies")


def test_a_first_line_with_its_own_cue_is_a_lede_not_a_headline(nlp):
    text = ("Galaxy Quest: The Return is getting a sequel on a streaming service, the studio announced this morning.\n\n"
            "The studio's chief Dana Reyes said filming starts in May.\n")
    assert not [s for s in nlp(text)._.statements if s.cue == ":"]


def test_made_clear_reports_its_clause(nlp):
    for text in ("The minister has made clear a deal must also include the northern ports.",
                 "The minister made it clear that a deal must include the northern ports."):
        s = _one(nlp, text, "deal must")
        assert s.speaker_mention == "The minister" and s.quote_text.startswith("a deal must")
    # `made X clear` with no clause states nothing here
    assert not nlp("The general made his position clear.")._.statements


def test_headline_all_in_quotes_is_direct(nlp):
    text = ("Kowal: 'I will not back this budget'\n\n"
            "Senator Ann Kowal told reporters on Sunday that she would vote against the budget.\n")
    s = [s for s in nlp(text)._.statements if s.cue == ":"][0]
    assert s.quote_type == "direct" and s.quote_text == "I will not back this budget"


def test_a_past_cue_joined_to_the_reported_clause_is_the_speakers_next_act(nlp):
    st = _by_quote(nlp, "The governor said the roads are closed and urged residents to stay home.")
    assert "the roads are closed" in st and st["the roads are closed"].speaker_mention == "The governor"
    assert st["residents to stay home"].speaker_mention == "The governor"
    # a verb of the reported clause in its own tense stays in it
    s = _one(nlp, "She said he was tired and wanted to sleep.", "tired")
    assert s.quote_text == "he was tired and wanted to sleep"
    # a cue verb not used as one (`put X at risk`, `made X stronger`) stays in the clause
    s = _one(nlp, "The company said the strike is hurting sales and put its future at risk.", "strike")
    assert s.quote_text.endswith("put its future at risk")
    s = _one(nlp, "The minister said membership is magnifying the country's role and made the bloc stronger.",
             "membership")
    assert s.quote_text.endswith("made the bloc stronger")


def test_content_ends_before_an_outer_attribution_parsed_into_it(nlp):
    # the parse hangs `a member ... trying to mediate` on `accused`: the member's words are the
    # whole clause, the army's end before the comma
    text = "The army has accused the militia of shelling the town, a member of the commission trying to mediate the dispute has said."
    st = _by_quote(nlp, text)
    assert st["the militia of shelling the town"].speaker_mention == "The army"
    outer = st["The army has accused the militia of shelling the town"]
    assert "member of the commission" in outer.speaker_mention
    # commas inside the reported clause stay in it
    st = _by_quote(nlp, "The army has warned the villagers that the river, which rose overnight, will flood the town, "
                        "an official working at the dam has said.")
    assert "the river, which rose overnight, will flood the town" in st


def test_an_adjunct_before_an_infinitive_keeps_the_object_and_the_infinitive(nlp):
    # the parse takes `to allow` for an adverbial clause of `demanded`; `to the conflict` sits between
    s = _one(nlp, "The envoy demanded parties to the conflict to allow aid workers into the city.", "parties")
    assert s.quote_text == "parties to the conflict to allow aid workers into the city"
    s = _one(nlp, "The minister urged residents in the north to leave their homes.", "residents")
    assert s.quote_text == "residents in the north to leave their homes"
    # an adjunct with no infinitive after it still ends the content
    s = _one(nlp, "The union demanded higher wages in a letter to the board on Monday.", "wages")
    assert s.quote_text == "higher wages"


def test_a_named_speakers_cue_inside_a_quote_is_their_statement(nlp):
    text = ('"At noon," the aide said, "Minister Ortiz told the envoy that the men would be freed at dawn '
            'and that the road was not safe at night."')
    st = _by_quote(nlp, text)
    inner = [s for s in st.values() if s.quote_text.startswith("the men would be freed")]
    assert inner and inner[0].speaker_mention.endswith("Ortiz") and inner[0].quote_type == "indirect"
    # the aide keeps the whole quote
    assert any(s.quote_text.startswith("Minister Ortiz told") and s.speaker_mention == "the aide" for s in st.values())
    # a pronoun or a common noun inside a quote is no source of its own
    st = _by_quote(nlp, '"People say the war is over, but it is not," she said.')
    assert list(st) == ["People say the war is over, but it is not"]


def test_made_clear_when_the_parse_hangs_clear_inside_the_clause(nlp):
    text = ("The government said on Friday it was introducing a lull in fighting in an area around the capital; "
            "but the envoy has made clear a truce brokered by the two powers on March 3 must also include the port.")
    s = _one(nlp, text, "truce")
    assert s.speaker_mention == "the envoy" and s.quote_text.startswith("a truce brokered")
    assert not nlp("The company made clear progress this year.")._.statements


def test_content_ends_before_a_relative_clause_with_its_own_attribution(nlp):
    st = _by_quote(nlp, "The villagers complained about a raid in which they said soldiers burned homes.")
    assert "soldiers burned homes" in st
    assert not any("in which" in q for q in st)
    st = _by_quote(nlp, "The mayor said the city would appeal the ruling, which he said was unfair.")
    assert "the city would appeal the ruling" in st
    # a relative clause whose subject is the relative word describes; it stays in the content
    s = _one(nlp, "The party said the senator distanced himself from a memo that urged members to avoid the issue.",
             "senator")
    assert s.quote_text.endswith("a memo that urged members to avoid the issue")
    s = _one(nlp, "The firm said it met a prosecutor who promised to allow more visits.", "prosecutor")
    assert s.quote_text.endswith("who promised to allow more visits")
    # nor a cue verb not used as one (`decisions he made that paid off`)
    s = _one(nlp, "The mayor said the bridge is an example of tough decisions he made that paid off.", "bridge")
    assert s.quote_text.endswith("he made that paid off")
    # a relative clause with no cue of its own stays in the content
    s = _one(nlp, "The villagers complained about a raid in which soldiers burned homes.", "raid")
    assert s.quote_text.endswith("soldiers burned homes")


def test_an_infinitive_right_after_a_cue_is_its_content(nlp):
    st = _by_quote(nlp, "Rebel fighters have sworn to hold the town until the army withdraws, local officials said Tuesday.")
    assert st["to hold the town until the army withdraws"].speaker_mention == "Rebel fighters"
    # a purpose clause after the object is no content of its own
    assert not any(q.startswith("to answer") for q in _by_quote(nlp, "The minister stopped to answer questions."))


def test_claims_to_reports_the_infinitive(nlp):
    s = _one(nlp, "The militia claims to have captured two bridges near the border.", "bridges")
    assert s.quote_text == "to have captured two bridges near the border" and s.speaker_mention == "The militia"
    # `claim` with a plain object (taking a place) states nothing
    assert not nlp("The militia claimed the hill after a long fight.")._.statements


def test_outer_attribution_and_adjunct_rules_leave_well_parsed_contents_alone(nlp):
    # the content already ends before the outer attribution: its inner commas stay
    st = _by_quote(nlp, "The ministry has warned that the river will flood the town, and that the roads will close, "
                        "an official at the dam has said.")
    assert "the river will flood the town, and that the roads will close" in st
    # after a date adjunct the infinitive is a purpose, not part of what is announced
    s = _one(nlp, "The firm announced an alliance with the bank in 2014 to cut costs.", "alliance")
    assert s.quote_text == "an alliance with the bank"


def test_a_named_cue_inside_a_quote_only_when_it_reports_an_act(nlp):
    for text in ('"I want Minister Ortiz to explain why the men were held," she said.',
                 '"Minister Ortiz never said that the men would be freed," she said.',
                 '"No Minister Ortiz ever told me that the men would be freed," she said.'):
        st = nlp(text)._.statements
        assert not any(s.speaker_mention.endswith("Ortiz") for s in st), [(s.speaker_mention, s.quote_text) for s in st]
    st = nlp('"Minister Ortiz has said that the men would be freed," she said.')._.statements
    assert any(s.speaker_mention.endswith("Ortiz") and s.quote_text == "the men would be freed" for s in st)


def test_a_cue_joined_to_a_gerund_content_is_the_speakers_next_act(nlp):
    st = _by_quote(nlp, "The mayor accused the board of apologizing too late and called for new elections.")
    assert "the board of apologizing too late" in st and "new elections" in st
    s = _one(nlp, "He took to Twitter to accuse the campaign of being fooled by a fraud and encourage voters "
                  "to read the report.", "campaign")
    assert s.quote_text == "the campaign of being fooled by a fraud"
    # gerunds joined to gerunds stay one content
    s = _one(nlp, "The senator accused the company of hiding losses and misleading investors.", "company")
    assert s.quote_text.startswith("the company of hiding losses")


@pytest.mark.parametrize("text", [
    "The upper house must confirm any nominee.",
    "Campaigners said the ministry should disclose the figures.",         # the campaigners' statement only
    "Critics say the regulator needs to explain how it reached the figure.",
    "The mayor should have told the residents about the leak.",
])
def test_what_someone_ought_to_say_is_no_statement(nlp, text):
    doc = nlp(text)
    assert not any(s.cue in ("confirm", "disclose", "explain", "told") for s in doc._.statements)


@pytest.mark.parametrize("text, cue", [
    ("The minister said the ministry would disclose the figures.", "said"),
    ("The ministry disclosed the figures on Monday, saying they were final.", "disclosed"),
])
def test_a_cue_without_an_obligation_still_states(nlp, text, cue):
    assert cue in [s.cue for s in nlp(text)._.statements]


@pytest.mark.parametrize("text, cue", [
    ("The ministry declined to say whether troops had crossed the border.", "say"),
    ("The spokesman refused to confirm that the talks had failed.", "confirm"),
    ("Senators urged the company to disclose the figures.", "disclose"),
    ("Lawmakers called on the firm to explain how the data was used.", "explain"),
    ("He wants the rebels to admit that they broke the truce.", "admit"),
    ("The minister is expected to announce the new budget on Monday.", "announce"),
    ("It is hard to say what the markets will do next.", "say"),
])
def test_an_infinitive_cue_its_head_leaves_unsaid_is_no_statement(nlp, text, cue):
    assert cue not in [s.cue for s in nlp(text)._.statements]


@pytest.mark.parametrize("text, cue", [
    ("He went on to say that the talks had failed.", "say"),
    ("Her son had called to tell her that he had lost his job.", "tell"),
    ("Senators urged the company to disclose the figures.", "urged"),
])
def test_an_infinitive_cue_that_was_said_still_states(nlp, text, cue):
    assert cue in [s.cue for s in nlp(text)._.statements]
