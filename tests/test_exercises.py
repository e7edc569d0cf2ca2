"""Exercise events (transforms/extract/exercises.py) on sentences written for these tests."""
import datetime

import pytest

PUB = datetime.date(2020, 2, 25)


@pytest.fixture(scope="module")
def exercises(annotate):
    def run(text, published_date=PUB):
        doc = annotate(text, published_date)
        assert not doc._.errors, doc._.errors
        return doc._.exercises
    return run


def events(exercises, text):
    """The non-mention events of a text."""
    return [e for e in exercises(text) if e.action != "mention"]


def one(exercises, text):
    evs = events(exercises, text)
    assert len(evs) == 1, [(e.action, e.trigger, e.participants) for e in exercises(text)]
    return evs[0]


# ------------------------------------------------------------------ status

@pytest.mark.parametrize("text, action", [
    ("Russia will hold naval drills with China in the Baltic Sea next month.", "planned"),
    ("Japan plans to conduct joint air exercises with Australia in August.", "planned"),
    ("Vietnam and India agreed to hold their first joint naval exercise next year.", "planned"),
    ("Indonesian and Malaysian troops are holding joint exercises near the border.", "ongoing"),
    ("Kenyan and Ugandan soldiers launched joint military drills on Monday.", "ongoing"),
    ("The Indian army conducted tank manoeuvres in the Rajasthan desert.", "held"),
    ("NATO staged a command post exercise in Poland.", "held"),
    ("The United States and South Korea called off their annual joint military exercises.", "cancelled"),
    ("Chile cancelled the naval exercise it had planned with Peru.", "cancelled"),
    ("Seoul postponed the drills because of the epidemic.", "suspended"),
    ("Egypt suspended its participation in the exercises with Israel.", "suspended"),
])
def test_status(exercises, text, action):
    assert one(exercises, text).action == action


@pytest.mark.parametrize("text", [
    "The agreement sets the rules for military exercises with foreign troops.",
    "The Japanese navy has never taken part in such drills.",
    "Military exercises are an important part of the alliance, the minister said.",
    "Officials discussed the cost of the military drills at length.",
])
def test_references_are_mentions(exercises, text):
    assert events(exercises, text) == []


@pytest.mark.parametrize("text", [
    "The president urged both sides to exercise restraint.",
    "Police patrols were stepped up after the riots.",
    "U.S. border patrol agents detained the men near the fence.",
    "Students took part in a fire drill at the school.",
    "Weekly exercise keeps the heart healthy, doctors say.",
    "Witnesses said the police had been conducting a training exercise near the station.",
])
def test_not_military(exercises, text):
    assert exercises(text) == []


# ------------------------------------------------------------------ participants

@pytest.mark.parametrize("text, codes", [
    ("Russia will hold naval drills with China in the Baltic Sea next month.", {"RUS", "CHN"}),
    ("Thai and American marines took part in the exercise last week.", {"THA", "USA"}),
    ("Beijing condemned the war games staged by Washington and Taipei.", {"USA", "TWN"}),
    ("The start of the huge U.S.-South Korean drills angered Pyongyang.", {"USA", "KOR"}),
    ("Chinese and Russian bombers conducted a joint patrol over the Sea of Japan.", {"CHN", "RUS"}),
    ("Manila has asked Tokyo to hold joint naval patrols in the region.", {"PHL", "JPN"}),
    ("Fears grew on the peninsula as Japan and Australia conduct joint air drills nearby.", {"JPN", "AUS"}),
    # the country the exercise is held in does not take part unless said
    ("Russia is conducting military exercises in Alaska.", {"RUS"}),
])
def test_participants(exercises, text, codes):
    assert set(one(exercises, text).participants) == codes


def test_two_nations_resolved_to_the_last_pair(exercises):
    text = ("Officials stressed the growing defence ties between Brazil and Argentina. "
            "The two nations have organized joint military exercises.")
    ev = one(exercises, text)
    assert set(ev.participants) == {"BRA", "ARG"}
    assert ev.action == "held"


def test_anaphoric_drills_inherit_participants(exercises):
    text = ("Greece and Cyprus began joint naval drills on Monday. "
            "The drills were suspended on Friday, the ministry said.")
    evs = events(exercises, text)
    assert len(evs) == 2
    assert set(evs[1].participants) == {"GRC", "CYP"}
    assert evs[1].action == "suspended"


def test_subject_of_a_mention_is_not_a_participant(exercises):
    evs = exercises("Turkey warned that the deal sets the terms for joint exercises.")
    assert all(e.action == "mention" for e in evs)
    assert all("TUR" not in e.participants for e in evs)


# ------------------------------------------------------------------ kinds, names, locations, dates

@pytest.mark.parametrize("text, kind", [
    ("Russia will hold naval drills with China in the Baltic Sea next month.", "naval_exercise"),
    ("Japan plans to conduct joint air exercises with Australia in August.", "air_exercise"),
    ("France and Britain carried out joint air force drills over the North Sea.", "air_exercise"),
    ("The Indian army conducted tank manoeuvres in the Rajasthan desert.", "land_exercise"),
    ("NATO staged a command post exercise in Poland.", "command_post"),
    ("Indonesian and Malaysian troops are holding joint exercises near the border.", "joint_exercise"),
    ("Two Chinese warships made a port call in Sydney last month.", "port_visit"),
    ("Russia is conducting military exercises in Alaska.", "other"),
])
def test_kind(exercises, text, kind):
    assert one(exercises, text).exercise_kind == kind


def test_port_visit_with_host(exercises):
    ev = one(exercises, "A Russian destroyer arrived in Manila on Tuesday for a four-day goodwill visit.")
    assert ev.exercise_kind == "port_visit"
    assert ev.action == "held"
    assert set(ev.participants) == {"RUS", "PHL"}
    assert ev.location == "Manila" and ev.location_code == "PHL"


def test_exercise_and_ship_visits_are_two_events(exercises):
    text = ("Norway and Denmark have organized joint military exercises, and the exchange of "
            "visits by Norwegian and Danish navy ships in Oslo and Copenhagen.")
    evs = events(exercises, text)
    assert sorted(e.exercise_kind for e in evs) == ["joint_exercise", "port_visit"]
    assert all(set(e.participants) == {"NOR", "DNK"} for e in evs)
    assert all(e.action == "held" for e in evs)


def test_named_exercise(exercises):
    ev = one(exercises, "Thai and American marines took part in the Cobra Gold exercise last week.")
    assert ev.exercise_name == "Cobra Gold"
    ev = one(exercises, "The Balikatan exercises began on Monday in the Philippines.")
    assert ev.exercise_name == "Balikatan"
    assert ev.location == "Philippines" and ev.location_code == "PHL"
    assert ev.participants == ["PHL"]


def test_name_alone_is_a_trigger(exercises):
    ev = one(exercises, "RIMPAC, the world's largest maritime exercise, will start in June.")
    assert ev.exercise_name == "RIMPAC"
    assert ev.action == "planned"


def test_location_as_written(exercises):
    ev = one(exercises, "Russia will hold naval drills with China in the Baltic Sea next month.")
    assert ev.location == "Baltic Sea"
    assert ev.location_code is None


def test_date_and_sentence_span(exercises):
    text = "Tensions rose in the spring. Russia will hold naval drills with China next month."
    ev = one(exercises, text)
    assert text[ev.sentence_start:ev.sentence_end] == "Russia will hold naval drills with China next month."
    assert ev.event_date == "2020-03"
    assert ev.anchor_start == text.index("drills")


def test_records_are_plain_data(exercises):
    import pickle
    evs = exercises("Japan plans to conduct joint air exercises with Australia in August.")
    assert pickle.loads(pickle.dumps(evs)) == evs


def test_gazetteer_filtered():
    from transforms.extract.exercises import exercise_names
    names = set(exercise_names())
    assert {"Balikatan", "RIMPAC", "Cobra Gold"} <= names
    assert not names & {"Cooperation", "Shield", "Eagle", "China", "Diving"}


@pytest.mark.parametrize("text, action", [
    ("Pyongyang has long demanded an end to the joint military drills.", None),
    ("The two armies are meant to hold joint patrols along the frontier, Kenya and Somalia said.", "planned"),
    ("The drills, which conclude next week, include live-fire training by Polish and German troops.", "ongoing"),
])
def test_status_from_governing_words(exercises, text, action):
    evs = events(exercises, text)
    if action is None:
        assert evs == []
    else:
        assert [e.action for e in evs] == [action]


def test_team_building_is_not_military(exercises):
    text = ("The defence ministry staff held a retreat. "
            "The team-building exercises went well, the army said.")
    assert events(exercises, text) == []


# ------------------------------------------------------------------ the named passes

def test_lexicon_word_sets_come_from_the_json_lower_cased():
    from dataclasses import fields
    from transforms.extract.exercises import Lexicon
    from transforms.nlp.lexicon import load_json

    lex = Lexicon.load()
    data = load_json("exercises", "lexicon.json")
    for f in fields(Lexicon):
        if f.type == "WordSet":
            assert getattr(lex, f.name) == {w.lower() for w in data[f.name]}, f.name
    assert lex.verb_class("call off") == "cancelled"
    assert lex.military_re.search("the navy said")


def test_component_declares_its_config_and_what_it_reads(nlp):
    meta = nlp.get_pipe_meta("exercise_extractor")
    assert meta.default_config == {"lexicons": None}
    assert meta.assigns == ["doc._.exercises"]
    assert "doc._.actor_mentions" in meta.requires and "doc._.timexes" in meta.requires


def test_hyphenated_pair_parts_are_codes_before_the_mention(annotate):
    from transforms.extract.actors import get_resolver
    from transforms.extract.exercises import exercise_actors, hyphen_part_codes

    doc = annotate("The start of the huge U.S.-South Korean drills angered Pyongyang.")
    parts = hyphen_part_codes(doc, get_resolver())
    assert list(parts.values()) == [["USA", "KOR"]]
    (i,) = parts
    assert exercise_actors(doc).codes([doc[i]])[:2] == ["USA", "KOR"]


def test_dedupe_keeps_the_stronger_statement_and_carries_the_name():
    from transforms.extract.exercises import _dedupe
    from transforms.extract.records import ExerciseEvent

    def ev(action, name=None, participants=()):
        return ExerciseEvent(action=action, actors=list(participants), sentence_start=0, sentence_end=10,
                             anchor_start=0, anchor_end=1, exercise_name=name, participants=list(participants))

    out = _dedupe([ev("mention", "Cobra Gold", ["THA"]), ev("held", None, ["THA", "USA"])])
    assert [(e.action, e.exercise_name, e.participants) for e in out] == [("held", "Cobra Gold", ["THA", "USA"])]


@pytest.mark.parametrize("text, codes", [
    # `in cooperation with X`, `in partnership with X` name a partner as `with X` does
    ("The naval drills were staged by Kenya in cooperation with Uganda last week.", {"KEN", "UGA"}),
    ("Kenya staged the naval drills in cooperation with the Ugandan navy last week.", {"KEN", "UGA"}),
    ("Kenya will stage a naval exercise in partnership with the Tanzanian navy in May.", {"KEN", "TZA"}),
    ("Kenya did not stage the naval drills in cooperation with Uganda, officials said.", set()),
    # a thing of a state's is no partner; nor is an event it is held with
    ("Kenya staged the naval drills in cooperation with a Ugandan relief fund last week.", {"KEN"}),
    ("Kenya staged the naval drills in conjunction with the Ugandan summit last week.", {"KEN"}),
])
def test_partners_in_cooperation_with(exercises, text, codes):
    evs = events(exercises, text)
    if not codes:
        assert not evs
        return
    assert len(evs) == 1 and set(evs[0].participants) == codes, [(e.action, e.participants) for e in evs]


def test_acronym_defined_earlier_names_the_holder(exercises):
    text = ("The Kenyan Defence Forces (KDF) sent troops to the border. "
            "The naval drills were staged in 2019 by the KDF in cooperation with Uganda.")
    ev = one(exercises, text)
    assert set(ev.participants) == {"KEN", "UGA"} and ev.action == "held"
