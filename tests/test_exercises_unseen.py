"""Exercise rules checked against unannotated 2016 news (issue 17, point 6): what a trigger
with no country behind it is, and statuses from tense, aspect, negation and modality.
Sentences written for these tests."""
import pytest

from test_exercises import events, exercises  # noqa: F401  (the fixture, shared)


def assert_only_action(exercises, text, action):
    """The text has exactly one non-mention event, of that status."""
    assert [e.action for e in events(exercises, text)] == [action], [(e.action, e.trigger) for e in exercises(text)]


def assert_event(exercises, text, action, actors):
    """The text has an event of that status with exactly those participants."""
    evs = [e for e in events(exercises, text) if e.action == action]
    assert evs, [(e.action, e.actors, e.trigger) for e in exercises(text)]
    assert set(evs[0].actors) == actors


@pytest.mark.parametrize("text", [
    # a patrol or manoeuvre no country takes part in is police work or a spacecraft's
    "Two officers were conducting a routine patrol in the housing estate when the shots were fired.",
    "The nuclear-powered probe performed a tricky maneuver to slip into orbit around the planet.",
    # a capitalised name with no country is a probe or a team named like an exercise
    "Pictures sent back by New Horizons show ice on the dwarf planet.",
])
def test_no_country_no_exercise(exercises, text):
    assert events(exercises, text) == [], [(e.action, e.trigger, e.actors) for e in exercises(text)]


@pytest.mark.parametrize("text,action,actors", [
    # the same triggers with a country behind them stay events, in both voices
    ("Indian and French warships conducted a joint patrol in the Arabian Sea last week.", "held", {"IND", "FRA"}),
    ("A joint patrol was conducted in the Arabian Sea by Indian and French warships last week.", "held", {"IND", "FRA"}),
    ("Russian troops will hold manoeuvres near the border next month.", "planned", {"RUS"}),
])
def test_country_keeps_the_exercise(exercises, text, action, actors):
    assert_event(exercises, text, action, actors)


@pytest.mark.parametrize("text,action,actors", [
    # an accident or act told in the past during an exercise dates the exercise: held
    ("The Indian navy said a sailor was injured during a naval drill off the coast.", "held", {"IND"}),
    ("The U.S. Army said a truck overturned at the crossing during a training exercise.", "held", {"USA"}),
    ("A Taiwanese pilot was killed on Thursday during routine combat training maneuvers.", "held", {"TWN"}),
])
def test_past_act_during_an_exercise(exercises, text, action, actors):
    assert_event(exercises, text, action, actors)


@pytest.mark.parametrize("text", [
    # to come, or only possible: the sentence does not say the exercise took place
    "The Indian navy said a sailor will be honoured during a naval drill off the coast next week.",
    "The Indian navy warned that a sailor could be hurt during a naval drill.",
])
def test_no_past_act_during_an_exercise(exercises, text):
    assert [e.action for e in events(exercises, text)] != ["held"]


@pytest.mark.parametrize("text,action,actors", [
    # `what X calls Y`: the naming verb labels the drills; the verb outside it gives the status
    ("China on Tuesday launched what its defence ministry termed routine military drills.", "ongoing", {"CHN"}),
    ("The United States has conducted what it calls freedom of navigation patrols in the area.", "held", {"USA"}),
    ("Russia will hold what it calls snap drills next week.", "planned", {"RUS"}),
])
def test_what_they_call_drills(exercises, text, action, actors):
    assert_event(exercises, text, action, actors)


@pytest.mark.parametrize("text", [
    "Russia did not hold what it calls snap drills last year.",
    "What the army calls drills are in fact an invasion, the ministry said.",
])
def test_what_they_call_drills_no_event(exercises, text):
    assert events(exercises, text) == []


def test_an_anaphor_with_other_countries_is_another_exercise(exercises):
    text = ("Manila has asked Washington to hold joint naval patrols. "
            "Japan and Vietnam agreed in November to hold their first joint naval exercise.")
    planned = sorted(sorted(e.actors) for e in events(exercises, text) if e.action == "planned")
    assert planned == [["JPN", "VNM"], ["PHL", "USA"]], planned


def test_an_anaphor_with_the_same_countries_is_the_same_exercise(exercises):
    text = ("Japan and India will hold a naval exercise off Chennai in July. "
            "India will send three frigates to the exercise, the navy said.")
    planned = [e for e in events(exercises, text) if e.action == "planned"]
    assert len(planned) == 1, [(e.action, e.actors, e.trigger) for e in planned]
    assert set(planned[0].actors) == {"JPN", "IND"}


def test_a_name_in_a_military_sentence_stays_an_exercise(exercises):
    # no country named, but the name stands in a sentence with a military word
    text = "The navies held Sea Breeze 2019 off Odesa. Sea Breeze 2020 was called off."
    assert sorted(e.action for e in events(exercises, text)) == ["cancelled", "held"]


@pytest.mark.parametrize("text,actors", [
    # `be to` + infinitive is a plan at any tense (`was to take place`, `were to begin` in news)
    ("Indian and French troops were to take part in the military exercise in May.", {"IND", "FRA"}),
    ("The joint naval drills with Japan were to begin on Monday.", {"JPN"}),
    ("The naval exercise with Japan is to take place off Okinawa in May.", {"JPN"}),
    ("The U.S. Navy said this was to be the first fleet exercise to use drones.", {"USA"}),
])
def test_be_to_is_a_plan(exercises, text, actors):
    assert_event(exercises, text, "planned", actors)


@pytest.mark.parametrize("text", [
    # negated, or `be` with a state before the infinitive (`on track to`): no plan said
    "The navy said the joint drills with Japan were not to take place after all.",
    "Indian troops were not to take part in the military exercise.",
    "The naval exercise with Japan was on track to continue until last week.",
])
def test_no_be_to_plan(exercises, text):
    assert "planned" not in [e.action for e in events(exercises, text)]


@pytest.mark.parametrize("text,actors", [
    # `the two allies` is the pair its own sentence coordinates before it, not the country
    # named most often (the one that threatens them) nor a speaker named after the pair
    ("Pyongyang has issued daily threats against South Korea and the United States as the two "
     "allies began large-scale military drills.", {"KOR", "USA"}),
    ("Tokyo and Manila signed a defence pact on Monday, and Hanoi said the two countries would "
     "hold naval drills next year.", {"JPN", "PHL"}),
    # no pair in its sentence: the pair named before
    ("Japan and India held talks on Monday. The two countries will hold naval drills next year.", {"JPN", "IND"}),
])
def test_the_two_countries_is_the_pair_before(exercises, text, actors):
    evs = events(exercises, text)
    assert evs and set(evs[0].actors) == actors, [(e.action, e.actors) for e in evs]


@pytest.mark.parametrize("text,actors", [
    # a list of participants in a sentence of its own, or under the exercise's own sentence
    ("Thailand's largest naval exercise wrapped up off Phuket on Friday. The navy said the drills went well. "
     "Participating nations included Malaysia, Singapore and the United States.", {"THA", "MYS", "SGP", "USA"}),
    ("Thailand's largest naval exercise wrapped up off Phuket on Friday. "
     "Countries taking part in the exercise included Malaysia and Singapore.", {"THA", "MYS", "SGP"}),
    ("Thailand's largest naval exercise wrapped up off Phuket on Friday. "
     "Its participants include navies from Malaysia and Singapore.", {"THA", "MYS", "SGP"}),
])
def test_a_list_of_participants(exercises, text, actors):
    assert_event(exercises, text, "held", actors)


@pytest.mark.parametrize("text", [
    # what `include` lists is no participant when its subject is not the participants, or negated
    "Thailand's largest naval exercise wrapped up off Phuket on Friday. "
    "Guests at the closing ceremony included envoys from Malaysia and Singapore.",
    "Thailand's largest naval exercise wrapped up off Phuket on Friday. "
    "Participating nations did not include Malaysia.",
])
def test_not_a_list_of_participants(exercises, text):
    assert_event(exercises, text, "held", {"THA"})


def test_took_part_in_a_sentence_of_its_own(exercises):
    # `take part` is a participation verb with its object; the lexicon's `take part` matches
    text = "Thai and Malaysian navies held a naval exercise off Phuket last week. Troops from Japan also took part."
    assert_event(exercises, text, "held", {"THA", "MYS", "JPN"})


@pytest.mark.parametrize("text,action", [
    # a permission says the drills may take place, not that they did
    ("Ankara changed its rules this month to allow NATO allies to carry out more patrol flights.", "planned"),
    ("Manila has authorised U.S. warships to hold naval drills in its waters.", "planned"),
    ("A U.S. warship was permitted to hold naval drills off the coast.", "planned"),
])
def test_a_permission_is_a_plan(exercises, text, action):
    assert [e.action for e in events(exercises, text)] == [action], [(e.action, e.actors) for e in exercises(text)]


def test_no_permission_no_plan(exercises):
    assert events(exercises, "Manila did not allow U.S. warships to hold naval drills in its waters.") == []


@pytest.mark.parametrize("text", [
    # an exercise reported under way: what it will still do this year is its course, not a plan
    "Thai and Malaysian marines began a joint exercise near the border on Monday. "
    "The exercise is scheduled to run until the end of the month.",
    "A joint exercise of the Kenyan and Ugandan armies is under way near Lake Victoria. "
    "The drills will see about 2,000 troops take part.",
    "Chile and Peru launched joint naval drills off Arica on Monday. The drills will last until Friday.",
    # active voice, and a course told only as possible
    "Thai and Malaysian marines began a joint exercise near the border on Monday. "
    "The marines will continue the exercise until the end of the month.",
    "Thai and Malaysian marines began a joint exercise near the border on Monday. "
    "The exercise could run until the end of the month.",
])
def test_course_of_an_exercise_under_way_is_no_plan(exercises, text):
    assert sorted(e.action for e in events(exercises, text)) == ["ongoing"], \
        [(e.action, e.actors, e.trigger) for e in exercises(text)]


@pytest.mark.parametrize("text,actions", [
    # a plan for another year's edition, a plan before the start, a copular description stay
    ("Thai and Malaysian marines began a joint exercise near the border on Monday. "
     "Next year's exercise will take place in Malaysia.", ["ongoing", "planned"]),
    ("Chile and Peru will hold joint drills next month. The drills are expected to run for two weeks.",
     ["planned"]),
    ("Thai and Malaysian marines began a joint exercise near the border on Monday. "
     "This year's exercise will be the largest ever held.", ["ongoing", "planned"]),
])
def test_plans_beside_an_exercise_under_way(exercises, text, actions):
    assert sorted(e.action for e in events(exercises, text)) == actions, \
        [(e.action, e.actors, e.trigger) for e in exercises(text)]


@pytest.mark.parametrize("text", [
    # a gazetteer name no country is named for, whose sentence has only a word that sport,
    # fiction and business news use as well (security, war): a film, a game, a tournament
    "Fans were asked to arrive early for the screening of \"Iron Fist\" on Friday, and security at the cinema will be tight.",
    "The studio said Iron Fist will open in cinemas in March, and security staff will check every bag.",
    "Critics said Iron Fist, which opens on Friday, is a story about centuries of war.",
])
def test_weak_military_word_makes_no_exercise(exercises, text):
    assert events(exercises, text) == [], [(e.action, e.trigger, e.actors) for e in exercises(text)]


@pytest.mark.parametrize("text,action", [
    # the same names beside a military word stay exercises
    ("Marines will hold Iron Fist in the desert in March, and troops from three brigades will take part.", "planned"),
])
def test_military_word_keeps_the_name(exercises, text, action):
    assert_only_action(exercises, text, action)


@pytest.mark.parametrize("text,action,actors", [
    # the exercise as subject of an including verb: its object names who takes part
    ("The military exercise involved troops from Ghana and Togo.", "held", {"GHA", "TGO"}),
    ("The naval drills included warships from Japan and India.", "held", {"JPN", "IND"}),
    ("The military exercise brought together soldiers from Peru, Chile and Brazil.", "held", {"PER", "CHL", "BRA"}),
    ("The military exercise will see troops from Ghana and Togo train together.", "planned", {"GHA", "TGO"}),
    # the including verb on the trigger, as before
    ("Exercises involving troops from Ghana and Togo began on Monday.", "ongoing", {"GHA", "TGO"}),
])
def test_including_verb_names_participants(exercises, text, action, actors):
    assert_event(exercises, text, action, actors)


@pytest.mark.parametrize("text", [
    # negated or only possible: no event, so no participants
    "The military exercise did not involve troops from Ghana.",
    "The military exercise could have involved troops from Ghana, the officer said.",
])
def test_including_verb_negated_or_possible(exercises, text):
    assert all(e.action != "held" for e in exercises(text)), [(e.action, e.actors) for e in exercises(text)]


def test_including_verb_object_that_is_no_force(exercises):
    # what the drills include is what they do: the state it aims at takes no part
    evs = events(exercises, "The military drills, which end next week, include simulated strikes on North Korea's leaders.")
    assert evs and all("PRK" not in e.actors for e in evs), [(e.action, e.actors) for e in evs]


@pytest.mark.parametrize("text,action", [
    # a schedule adjective or verb with a schedule complement: a plan
    ("The joint naval exercise between India and France is due to start next week.", "planned"),
    ("The joint naval exercise between India and France is likely to take place in May.", "planned"),
    ("The joint naval exercise between India and France is slated to begin next week.", "planned"),
    ("Joint drills by Indian and French warships are poised to begin in the Bay of Bengal.", "planned"),
])
def test_schedule_adjectives_plan(exercises, text, action):
    assert_only_action(exercises, text, action)


@pytest.mark.parametrize("text", [
    # another infinitive is what the exercise does, not its plan; a negated schedule plans nothing
    "The joint naval exercise between India and France is likely to anger China.",
    "The joint naval exercise between India and France is not due to start this year.",
])
def test_schedule_adjectives_without_a_plan(exercises, text):
    assert events(exercises, text) == [], [(e.action, e.trigger) for e in exercises(text)]


def test_participation_sentence_next_to_its_exercise(exercises):
    # a sentence right after the exercise that says who else sent forces adds them
    text = ("The U.S. and Philippine militaries began the Balikatan exercise on Monday. "
            "Australia and Japan also sent troops.")
    assert_event(exercises, text, "ongoing", {"USA", "PHL", "AUS", "JPN"})


def test_participation_sentence_far_from_the_exercise(exercises):
    # paragraphs later, a state that sends weapons somewhere takes no part in the patrols
    text = ("The United States will continue conducting naval patrols in the South China Sea, officials said. "
            "The patrols are meant to show that the waters are international. "
            "Analysts said tensions in the region were rising. "
            "Shipping companies said trade had not been affected so far. "
            "An expert said it was not the first time China had sent such weapons to the islands.")
    evs = events(exercises, text)
    assert evs and all("CHN" not in e.actors for e in evs), [(e.action, e.actors) for e in evs]


@pytest.mark.parametrize("text,action", [
    # `get under way` is a start, as `begin` is: under way when told, planned with will, over in a past year
    ("The joint military exercise between India and France got under way in Rajasthan on Monday.", "ongoing"),
    ("The joint military exercise between India and France got underway in Rajasthan on Monday.", "ongoing"),
    ("The joint military exercise between India and France will get under way in Rajasthan next week.", "planned"),
    ("The joint military exercise between India and France got under way in Rajasthan in 2015.", "held"),
])
def test_get_under_way_starts(exercises, text, action):
    assert_only_action(exercises, text, action)


def test_get_under_way_negated(exercises):
    assert events(exercises, "The joint military exercise between India and France has not yet got under way.") == []


@pytest.mark.parametrize("text,action", [
    # a status phrase whose second part is a complement, not a particle, in both voices
    ("India and France put their joint military exercise on hold.", "suspended"),
    ("The joint military exercise between India and France was put on hold because of the pandemic.", "suspended"),
    ("The joint military exercise between India and France was put on ice because of the pandemic.", "suspended"),
    ("The joint military exercise between India and France was cut short after an accident.", "suspended"),
])
def test_status_phrase_with_complement(exercises, text, action):
    assert_only_action(exercises, text, action)


@pytest.mark.parametrize("text", [
    "India and France did not put their joint military exercise on hold.",
    "The joint military exercise between India and France was not put on hold despite the pandemic.",
])
def test_status_phrase_with_complement_negated(exercises, text):
    assert all(e.action != "suspended" for e in exercises(text)), [(e.action, e.trigger) for e in exercises(text)]
