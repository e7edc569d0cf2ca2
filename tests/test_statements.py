"""Statements: quotes, cues and speakers, on sentences and short articles written for these tests."""
import datetime

import pytest

from transforms.extract.statements.quotes import find_quotes
from transforms.extract.records import StatementEvent


# --- quote marks (no model needed) ---------------------------------------------------------

def _quoted(text):
    return [text[q.start:q.end] for q in find_quotes(text)]


def test_curly_and_straight_marks():
    assert _quoted('He said: “We will stay.” Then "we leave," she said.') == ["We will stay.", "we leave,"]


def test_newswire_marks():
    assert _quoted("Officials called it ``a grave mistake'' on Monday.") == ["a grave mistake"]


def test_nested_single_quotes_stay_inside():
    text = "“The general told us ‘hold the line’ and we did,” the captain said."
    assert _quoted(text) == ["The general told us ‘hold the line’ and we did,"]


def test_three_paragraph_quote_is_one_span():
    text = ("The minister spoke at length.\n\n"
            "“We have worked for years on this plan.\n\n"
            "“It was never easy, and it will not be easy now.\n\n"
            "“But we will finish it,” she said.\n\nThe talks ended on Friday.")
    qs = find_quotes(text)
    assert len(qs) == 1
    assert qs[0].paragraphs == 3
    assert text[qs[0].start:qs[0].end].startswith("We have worked")
    assert text[qs[0].start:qs[0].end].endswith("we will finish it,")


def test_unbalanced_mark_does_not_swallow_the_article():
    text = ("“We will not give up, the spokesman said.\n\n"
            "The army moved north on Tuesday.\n\n"
            "“Nobody wants war,” the minister said.")
    quoted = _quoted(text)
    assert "Nobody wants war," in quoted
    assert not any("army moved" in q for q in quoted)


def test_closing_mark_typed_for_an_opening_one_opens_a_quote():
    text = "Readers wrote in.\n\n”The bridge should have been fixed years ago.” ― Tom Ruiz\n\nThe page closed."
    assert _quoted(text) == ["The bridge should have been fixed years ago."]
    # a closing mark glued to the word before it still closes nothing that is not open
    assert _quoted("The word” stands alone here.") == []


def test_curly_quote_nested_in_a_curly_quote():
    text = "“I would rather walk than ride in what he calls “progress” every day,” she said."
    assert _quoted(text) == ["I would rather walk than ride in what he calls “progress” every day,"]
    # an opening mark the paragraph never closes twice over is a stray one
    assert _quoted("“We will stay. “Nobody leaves,” he said.") == ["Nobody leaves,"]


def test_quote_continues_only_into_a_paragraph_opening_with_the_same_style_of_mark():
    text = ('The report described the day.\n\n"Hana waited at the gate for hours.\n\n'
            "“They never came,” she said.\n\nThe gate closed.")
    quoted = _quoted(text)
    assert "They never came," in quoted
    assert not any("Hana waited" in q and "never came" in q for q in quoted)


# --- the component ----------------------------------------------------------------------

def _stmts(annotate, text, date="2021-03-02"):
    doc = annotate(text, date)
    assert not doc._.errors, doc._.errors
    return doc, doc._.statements


def test_records_and_offsets(annotate):
    text = "“We are ready to talk,” Foreign Minister Anna Berg said on Monday."
    doc, st = _stmts(annotate, text)
    assert len(st) == 1
    s = st[0]
    assert isinstance(s, StatementEvent)
    assert s.quote_type == "direct"
    assert s.quote_text == "We are ready to talk"
    assert doc.text[s.quote_start:s.quote_end] == s.quote_text
    assert s.cue == "said" and s.action == "say"
    assert doc.text[s.anchor_start:s.anchor_end] == "said"
    assert s.speaker == "Anna Berg"
    assert s.sentence_start == 0 and s.sentence_end == len(text)
    assert s.event_date is not None


def test_attribution_before_the_quote(annotate):
    _, st = _stmts(annotate, "The spokesman told reporters: “There will be no delay. The ships leave tomorrow.”")
    assert len(st) == 1
    assert st[0].quote_type == "direct"
    assert st[0].quote_text.startswith("There will be no delay. The ships leave tomorrow")
    assert st[0].cue == "told"


def test_quote_split_by_attribution_gives_two_rows(annotate):
    text = "“We were not consulted,” Paolo Reni said. “That is the whole problem.”"
    _, st = _stmts(annotate, text)
    assert [s.quote_text for s in st] == ["We were not consulted", "That is the whole problem."]
    assert {s.speaker for s in st} == {"Paolo Reni"}


def test_multi_paragraph_quote_is_a_statement_per_paragraph(annotate):
    text = ("Admiral Karen Holt addressed the crews in Darwin.\n\n"
            "“We have trained for this for two years.\n\n"
            "“The weather will be hard and the sea will be rough.\n\n"
            "“But we are ready,” Holt said.")
    _, st = _stmts(annotate, text)
    direct = [s for s in st if s.quote_type == "direct"]
    assert [s.quote_text for s in direct] == ["We have trained for this for two years.",
                                              "The weather will be hard and the sea will be rough.",
                                              "But we are ready"]
    assert {s.speaker for s in direct} == {"Karen Holt"}


def test_unbalanced_quote_keeps_later_statements(annotate):
    text = ("“We will not move, the commander said on the radio.\n\n"
            "The convoy left at dawn.\n\n"
            "“Nobody wants a war,” Defence Minister Lena Dahl said.")
    _, st = _stmts(annotate, text)
    assert any(s.quote_text == "Nobody wants a war" and s.speaker == "Lena Dahl" for s in st)


def test_newswire_mixed_quote(annotate):
    text = "Norway on Monday condemned as ``unacceptable'' the seizure of the tanker."
    _, st = _stmts(annotate, text)
    assert len(st) == 1 and st[0].quote_type == "mixed"
    assert st[0].speaker == "Norway"


def test_mixed_speech(annotate):
    text = ("Polish Ambassador to Ottawa Jan Kowal said on Monday that Warsaw’s aim was to build "
            "a “lasting, equal partnership” with Canada.")
    _, st = _stmts(annotate, text)
    assert len(st) == 1
    s = st[0]
    assert s.quote_type == "mixed"
    assert s.quote_text.startswith("Warsaw’s aim was to build")
    assert s.speaker == "Jan Kowal"
    assert s.speaker_title == "Polish Ambassador to Ottawa"
    assert s.speaker_code == "POL"


@pytest.mark.parametrize("text,cue,quote_start,speaker", [
    ("Chile will send two frigates to the exercise, Defence Minister Tomas Vidal said on Tuesday.",
     "said", "Chile will send two frigates", "Tomas Vidal"),
    ("The army said that three soldiers were wounded in the attack.", "said", "three soldiers", "army"),
    ("The mayor told reporters the bridge would reopen next week.", "told", "the bridge would reopen", "mayor"),
    ("According to the defence ministry, the drills will last ten days.", "According to", "the drills will last",
     "defence ministry"),
    ("Germany reiterated the importance of dialogue between the two sides.", "reiterated",
     "the importance of dialogue", "Germany"),
    ("The government denied the report about the missing pilots.", "denied", "the report", "government"),
    ("Indonesia warned that it would close the strait.", "warned", "it would close the strait", "Indonesia"),
    ("The ministry announced that the embassy would reopen in May.", "announced", "the embassy would reopen",
     "ministry"),
])
def test_indirect_speech(annotate, text, cue, quote_start, speaker):
    _, st = _stmts(annotate, text)
    hits = [s for s in st if s.cue == cue]
    assert hits, st
    s = hits[0]
    assert s.quote_type == "indirect"
    assert s.quote_text.startswith(quote_start)
    assert speaker.lower() in (s.speaker or "").lower()


def test_addressee(annotate):
    _, st = _stmts(annotate, "“We are not afraid,” the envoy told Radio Free Asia.")
    assert st[0].addressee == "Radio Free Asia"
    assert st[0].cue == "told" and st[0].action == "tell"


def test_pronoun_two_sentences_back(annotate):
    text = ("Finnish President Mikael Lahti arrived in Oslo on Monday. The visit had been planned for months. "
            "He said the two countries would sign a defence pact.")
    _, st = _stmts(annotate, text)
    s = [s for s in st if s.cue == "said"][0]
    assert s.speaker == "Mikael Lahti"
    assert s.speaker_mention == "He"
    assert s.speaker_code == "FIN"


def test_surname_and_title_resolve_to_full_name(annotate):
    text = ("Brazilian Ambassador to Lima Carlos Mendes met the minister on Monday.\n\n"
            "Mendes said the visit was a success.\n\n"
            "The ambassador added that trade would grow.")
    _, st = _stmts(annotate, text)
    assert [s.speaker for s in st] == ["Carlos Mendes", "Carlos Mendes"]
    assert st[0].speaker_mention == "Mendes"


def test_two_speakers_alternating(annotate):
    text = ("“The border is closed,” said Interior Minister Omar Haddad.\n\n"
            "“It is open for trade,” Trade Minister Sara Lind replied.\n\n"
            "“Only for food trucks,” Haddad said.\n\n"
            "“And only by day,” he added.")
    _, st = _stmts(annotate, text)
    got = [(s.quote_text, s.speaker) for s in st if s.quote_type == "direct"]
    assert got == [("The border is closed", "Omar Haddad"), ("It is open for trade", "Sara Lind"),
                   ("Only for food trucks", "Omar Haddad"), ("And only by day", "Omar Haddad")]


def test_government_speaker_keeps_its_code(annotate):
    _, st = _stmts(annotate, "The Kremlin said the talks had been useful.")
    assert st[0].speaker == "Kremlin"
    assert st[0].speaker_code == "RUS"


def test_unattributed_paragraph_quote_continues_the_speaker(annotate):
    text = ("“We will keep patrolling,” the paper said.\n\n"
            "“Nobody can stop a lawful patrol. This is the law of the sea.”")
    _, st = _stmts(annotate, text)
    assert len(st) == 2
    assert st[1].quote_text.startswith("Nobody can stop") and st[1].speaker == st[0].speaker


def test_event_date_from_sentence_else_published(annotate):
    _, st = _stmts(annotate, "The navy said the ships were safe.", "2021-03-02")
    assert st[0].event_date == "2021-03-02"
    assert st[0].date_start == datetime.date(2021, 3, 2)


def test_no_date_without_header(annotate):
    doc = annotate("The navy said the ships were safe.")
    assert doc._.statements[0].event_date is None


def test_purpose_infinitive_is_not_a_statement(annotate):
    _, st = _stmts(annotate, "Thousands of farmers blocked roads to demand lower fuel prices.")
    assert st == []


def test_empty_and_quote_only_text(annotate):
    assert _stmts(annotate, "")[1] == []
    assert isinstance(_stmts(annotate, '"""')[1], list)


def test_dates_inside_what_is_stated_do_not_date_the_statement(annotate):
    _, st = _stmts(annotate, "The minister said on Monday that the treaty was signed in 1998.", "2021-03-03")
    assert st[0].event_date == "2021-03-01"
