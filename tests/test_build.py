"""build_nlp: the components come from schemas.kinds, declare their order, and survive
nlp.to_disk / load_nlp with the same events."""
import datetime

from schemas.kinds import EVENT_KINDS
from transforms.extract.build import ANNOTATORS, EXTRACTORS, load_nlp, make_doc

TEXT = ("MANILA - Russia and the Philippines signed a defence pact on Monday, and their navies will hold "
        "joint drills in the South China Sea next month. \"We are ready,\" Foreign Minister Sergei Lavrov said.")
DAY = datetime.date(2016, 2, 25)


def events(nlp, text=TEXT):
    doc = nlp(make_doc(nlp, text, DAY))
    return {"timexes": [(t.text, t.value) for t in doc._.timexes],
            **{kind.extension: [repr(e) for e in getattr(doc._, kind.extension)] for kind in EVENT_KINDS}}


def test_components_are_the_annotators_then_one_per_event_kind(nlp):
    assert EXTRACTORS == ANNOTATORS + tuple(kind.component for kind in EVENT_KINDS)
    assert nlp.pipe_names[-len(EXTRACTORS):] == list(EXTRACTORS)


# spaCy's attribute_ruler sets token.pos from its rules but declares no `assigns`
UNDECLARED_BY_THE_MODEL = {"token.pos"}


def test_every_component_declares_what_it_reads_and_writes_and_the_order_holds(nlp):
    analysis = nlp.analyze_pipes()
    assert {name: sorted(set(problems) - UNDECLARED_BY_THE_MODEL)
            for name, problems in analysis["problems"].items()} == {name: [] for name in nlp.pipe_names}
    for kind in EVENT_KINDS:
        meta = nlp.get_pipe_meta(kind.component)
        assert meta.assigns == [f"doc._.{kind.extension}"]
        assert "doc._.actor_mentions" in meta.requires or "doc.ents" in meta.requires
    assert nlp.get_pipe_meta("timex_tagger").assigns == ["doc._.timexes"]


def test_analyze_pipes_catches_an_extractor_put_before_what_it_reads():
    import spacy

    blank = spacy.blank("en")
    blank.add_pipe("agreement_extractor")
    problems = set(blank.analyze_pipes()["problems"]["agreement_extractor"])
    assert {"doc._.actor_mentions", "token.dep"} <= problems


def test_lexicon_folders_are_configuration(nlp):
    for name in EXTRACTORS:
        assert nlp.get_pipe_config(name)["lexicons"] is None


def test_a_saved_pipeline_loads_back_with_the_same_events(nlp, tmp_path):
    found = events(nlp)
    assert found["agreements"] and found["exercises"] and found["statements"] and found["timexes"]
    nlp.to_disk(tmp_path / "pipeline")
    again = load_nlp(str(tmp_path / "pipeline"))
    assert again.pipe_names == nlp.pipe_names
    assert events(again) == found


# ---------------------------------------------------------------- long and odd texts (issue 14)

def test_a_long_unbroken_run_is_cut_before_the_tokenizer_and_the_text_kept(nlp):
    from transforms.extract.build import MAX_RUN_CHARS, tokenize
    text = "Russia signed a pact on Monday. " + "\U0001F600" * 5000 + " Then " + "x" * 2500 + " end."
    doc = tokenize(nlp, text)
    assert doc.text == text
    assert max(len(t.text) for t in doc) == MAX_RUN_CHARS
    events = nlp(make_doc(nlp, text, DAY))
    assert [e.action for e in events._.agreements] == ["sign"]


def test_text_over_spacys_max_length_is_tokenised_in_segments(nlp, monkeypatch):
    from transforms.extract import build
    monkeypatch.setattr(build, "SEGMENT_CHARS", 200)
    text = " ".join([TEXT] * 5)
    doc = build.tokenize(nlp, text)
    assert doc.text == text and [t.text for t in doc] == [t.text for t in nlp.make_doc(text)]


def test_an_article_annotated_in_pieces_keeps_offsets_and_finds_its_events(nlp):
    from transforms.extract.build import annotate_in_pieces
    text = "\n\n".join([TEXT] * 6)
    whole = nlp(make_doc(nlp, text, DAY))
    pieces = annotate_in_pieces(nlp, make_doc(nlp, text, DAY), max_tokens=60)
    assert pieces.text == text and len(pieces) == len(whole)
    for doc in (whole, pieces):
        for t in doc._.timexes:
            assert text[t.start_char:t.end_char] == t.text
    # every paragraph is its own sentence run, so the pieces find what the whole finds
    assert sorted((e.action, e.anchor_start) for e in pieces._.agreements) == \
        sorted((e.action, e.anchor_start) for e in whole._.agreements)
    assert len(pieces._.statements) == len(whole._.statements) == 6
