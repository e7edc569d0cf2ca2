"""Exercise events: status and participants corrected by the event's date, participants
named through participation nouns and `involving` clauses, edition names (issue 17,
point 6). Sentences written for these tests."""
import datetime

from test_exercises import exercises  # noqa: F401  (the fixture, shared)

PUB = datetime.date(2021, 6, 14)   # a Monday


def events(exercises, text, published=PUB):
    """The non-mention events of a text published on `published`."""
    return [e for e in exercises(text, published) if e.action != "mention"]


def test_a_start_in_an_earlier_year_is_over(exercises):
    evs = events(exercises, "The joint drills were launched in 2009 by Chile and Peru.", PUB)
    assert [e.action for e in evs] == ["held"]


def test_a_start_this_week_is_under_way(exercises):
    evs = events(exercises, "The joint drills were launched on Monday by Chile and Peru.", PUB)
    assert [e.action for e in evs] == ["ongoing"]


def test_a_plan_for_the_day_of_writing_is_under_way(exercises):
    evs = events(exercises, "Chile and Peru are scheduled to start joint naval drills on June 14.", PUB)
    assert [e.action for e in evs] == ["ongoing"]


def test_a_plan_for_a_later_day_stays_planned(exercises):
    evs = events(exercises, "Chile and Peru are scheduled to start joint naval drills on June 21.", PUB)
    assert [e.action for e in evs] == ["planned"]
    evs = events(exercises, "Chile and Peru will hold joint naval drills this month.", PUB)
    assert [e.action for e in evs] == ["planned"]


def test_involving_clause_on_the_predicate_names_participants(exercises):
    evs = events(exercises, "The naval exercise began off Crete on Monday, involving Greek and Italian warships.", PUB)
    assert evs and set(evs[0].actors) == {"GRC", "ITA"}


def test_participation_noun_names_participants(exercises):
    evs = events(exercises, "Last year, the naval Exercise Blue Reef saw participation from Chile and Peru.", PUB)
    assert evs and set(evs[0].actors) == {"CHL", "PER"}
    # a noun that is not about taking part names nobody
    evs = events(exercises, "Last year, the naval Exercise Blue Reef saw criticism from Chile and Peru.", PUB)
    assert all(not set(e.actors) & {"CHL", "PER"} for e in evs)


def test_a_sentence_opening_word_is_no_edition_name(exercises):
    evs = exercises("Since 2018, many navies have joined these naval exercises. In 2019, Chile hosted the drills.", PUB)
    assert not any(e.exercise_name in ("Since", "In") for e in evs), [e.exercise_name for e in evs]


def test_a_gazetteer_name_with_its_year_opens_a_sentence(exercises):
    evs = events(exercises, "The navies held Sea Breeze 2019 off Odesa. Sea Breeze 2020 was called off.", PUB)
    assert sorted(e.action for e in evs) == ["cancelled", "held"]


def test_an_earlier_edition_keeps_its_own_participants(exercises):
    text = ("Japan and India will hold the joint naval exercise Blue Tide 2021 in July. "
            "The exercise was first held in 2011 by Japan alone.")
    evs = events(exercises, text, PUB)
    by_action = {e.action: set(e.actors) for e in evs}
    assert by_action.get("planned") == {"JPN", "IND"}, by_action
    assert by_action.get("held") == {"JPN"}, by_action


def test_the_lead_that_describes_an_exercise_is_the_one_named_next(exercises):
    text = ("Chile and Peru wrapped up a joint naval exercise on Friday. "
            "The Blue Reef exercise was joined by warships from Ecuador.")
    evs = events(exercises, text)
    held = [e for e in evs if e.action == "held"]
    assert len(held) == 1, [(e.action, e.exercise_name, e.actors) for e in evs]
    assert set(held[0].actors) == {"CHL", "PER", "ECU"}


def test_an_unnamed_exercise_of_an_earlier_year_stays_apart(exercises):
    text = ("Chile and Peru will hold the Blue Reef 2021 naval exercise in July. "
            "Chile also took part in a naval exercise with Ecuador in 2019.")
    evs = events(exercises, text)
    by_action = {e.action: set(e.actors) for e in evs}
    assert by_action.get("planned") == {"CHL", "PER"}, by_action
    assert by_action.get("held") == {"CHL", "ECU"}, by_action


def test_participants_one_exercise_inherits_do_not_spread_to_another(exercises):
    text = ("Chile and Peru began the Blue Reef naval exercise on Monday. "
            "The exercise involves ten warships and two submarines. "
            "Separately, Ecuador will join a naval exercise with Colombia in July. "
            "The Blue Reef exercise is the largest in the region.")
    evs = events(exercises, text)
    blue = [e for e in evs if e.exercise_name == "Blue Reef"]
    assert blue and set(blue[0].actors) == {"CHL", "PER"}, [(e.action, e.exercise_name, e.actors) for e in evs]


def test_a_port_call_in_a_state_of_a_country_has_that_country_as_host(exercises):
    evs = events(exercises, "A Chinese destroyer made a port call in Okinawa last week.")
    assert evs and set(evs[0].actors) == {"CHN", "JPN"}
    evs = events(exercises, "A port call in Okinawa by a Chinese destroyer was called off.")
    assert evs and evs[0].action == "cancelled" and set(evs[0].actors) == {"CHN", "JPN"}


def test_an_edition_name_recurs_without_its_year(exercises):
    text = ("Canadian and American military jets took part in the joint air exercise Polar Shield 2021 last month. "
            "Polar Shield began on May 3 and will continue until June 20.")
    evs = events(exercises, text)
    assert any(e.exercise_name == "Polar Shield" and e.sentence_start > 0 for e in evs), \
        [(e.action, e.exercise_name, e.sentence_start) for e in evs]


def test_an_exercise_with_no_country_takes_that_of_the_services_named(exercises):
    text = ("Sailors of the Indian Navy gathered in Kochi on Monday. "
            "The Navy said it had postponed its annual fleet exercise because of the storm.")
    evs = events(exercises, text)
    assert evs and evs[0].action == "suspended" and evs[0].actors == ["IND"], [(e.action, e.actors) for e in evs]
    # no service named: no country guessed
    evs = events(exercises, "Officials said they had postponed the annual fleet exercise because of the storm.")
    assert evs and evs[0].actors == []


def test_what_is_done_as_part_of_an_exercise_gives_its_status_and_participants(exercises):
    evs = events(exercises, "Chilean pilots are training with Peruvian crews as part of the Blue Reef air exercise.")
    assert [(e.action, set(e.actors)) for e in evs] == [("ongoing", {"CHL", "PER"})]
    evs = events(exercises, "Peruvian troops will fire rockets as part of the joint exercise.")
    assert [(e.action, set(e.actors)) for e in evs] == [("planned", {"PER"})]
    # negated: nothing done as part of it
    evs = events(exercises, "Peruvian troops did not fire rockets as part of the joint exercise.")
    assert evs == []


def test_a_drill_that_is_part_of_another_exercise_is_an_event_of_its_own(exercises):
    evs = events(exercises, "Peruvian troops are conducting a live-firing drill as part of a joint exercise with Chile.")
    assert len(evs) == 2, [(e.action, e.actors, e.trigger) for e in evs]
    assert {e.trigger for e in evs} == {"drill", "exercise"}


def test_a_fire_drill_is_no_exercise(exercises):
    assert events(exercises, "The school held a fire drill on Monday.") == []


def test_a_quoted_name_before_a_trigger_names_the_exercise(exercises):
    evs = events(exercises, "The \"Steppe Guard-2021\" joint military exercises began in Chile on Monday.")
    assert [e.exercise_name for e in evs] == ["Steppe Guard"], [(e.action, e.exercise_name) for e in evs]
    evs = events(exercises, "Troops of the two armies started the 'Andes Shield' Chilean-Peruvian drills on Monday.")
    assert [e.exercise_name for e in evs] == ["Andes Shield"], [(e.action, e.exercise_name) for e in evs]
    # a quoted phrase that no trigger follows names nothing
    evs = events(exercises, "The army called it \"Andes Shield\" in a statement about the joint drills held on Monday.")
    assert all(e.exercise_name != "Andes Shield" for e in evs)


def test_the_title_gives_way_to_the_body(exercises):
    text = ("Chilean and Peruvian Troops Start 'Andes Shield' Drills\n"
            "The drills are the largest the two armies have planned together. "
            "The 'Andes Shield' military drills started in northern Chile on Monday, the army said.")
    evs = events(exercises, text)
    body = text.index("The 'Andes")
    assert len(evs) == 1 and evs[0].sentence_start == body, [(e.action, e.sentence_start) for e in evs]
    # a title the body does not restate keeps the event
    evs = events(exercises, "Chilean and Peruvian Troops Start 'Andes Shield' Drills\nThe drills are the largest in years.")
    assert len(evs) == 1 and evs[0].sentence_start == 0


def test_a_relative_clause_dates_an_exercise_a_present_passive_describes(exercises):
    evs = events(exercises, "The annual naval exercise, which began on Friday, is led by the Chilean navy.")
    assert [e.action for e in evs] == ["ongoing"]
    evs = events(exercises, "The annual naval exercise, which will begin on Friday, is led by the Chilean navy.")
    assert [e.action for e in evs] == ["planned"]


def test_a_restatement_with_a_finer_date_is_the_same_edition(exercises):
    text = ("The naval Exercise Blue Reef 2021 began off Chile this week with Peru and Chile taking part. "
            "The exercise, which began on June 11, is led by the Chilean navy.")
    evs = events(exercises, text)
    assert [e.action for e in evs] == ["ongoing"], [(e.action, e.event_date) for e in evs]
    text = ("The naval Exercise Blue Reef 2021 began off Chile this week with Peru and Chile taking part. "
            "The naval Exercise Blue Reef began off Chile in 2019 with Peru alone.")
    assert sorted(e.action for e in events(exercises, text)) == ["held", "ongoing"]


def test_watching_a_drill_says_it_was_held(exercises):
    evs = events(exercises, "North Korea's leader watched a live-fire artillery drill on Friday.")
    assert [(e.action, e.actors) for e in evs] == [("held", ["PRK"])]
    evs = events(exercises, "North Korea's leader will watch a live-fire artillery drill on Friday.")
    assert [e.action for e in evs] == ["planned"]


def test_curtailed_and_eliminated_exercises(exercises):
    evs = events(exercises, "The Pentagon curtailed the joint military exercise with Poland.")
    assert [e.action for e in evs] == ["suspended"]
    evs = events(exercises, "The joint military exercise with Poland was eliminated from the budget.")
    assert [e.action for e in evs] == ["cancelled"]


def test_a_ship_prefix_names_the_navy_country(exercises):
    evs = events(exercises, "The USS Blue Ridge arrived in Manila on Monday for a five-day goodwill visit.")
    assert evs and set(evs[0].actors) == {"USA", "PHL"}
    # an unknown prefix names nobody
    evs = events(exercises, "The XYZ Blue Ridge arrived in Manila on Monday for a five-day goodwill visit by the navy.")
    assert all("USA" not in e.actors for e in evs)


def test_a_sea_is_no_subdivision(exercises):
    evs = events(exercises, "Egypt and Saudi Arabia conducted naval maneuvers in the Red Sea.")
    assert evs and evs[0].location_code is None and set(evs[0].actors) == {"EGY", "SAU"}


def test_a_ship_visiting_a_port_is_a_port_visit(exercises):
    for text in ("A Chilean frigate visited Peru on Monday.",
                 "Peru was visited by a Chilean frigate on Monday.",
                 "Two Chilean frigates docked in Peru on Monday."):
        evs = events(exercises, text)
        assert [(e.action, e.exercise_kind, set(e.actors)) for e in evs] == [("held", "port_visit", {"CHL", "PER"})], text
    evs = events(exercises, "Two Chilean frigates will dock in Peru next week.")
    assert [e.action for e in evs] == ["planned"]
    # negated, or people rather than ships: no visit
    assert events(exercises, "Two Chilean frigates did not dock in Peru.") == []
    assert events(exercises, "The Chilean navy chief visited Peru on Monday.") == []


def test_a_trigger_tagged_as_a_verb_is_no_ship_visit(exercises):
    # `drills` is tagged as a verb here; it keeps the status and holders of a noun trigger
    evs = events(exercises, "The United States and South Korea kicked off their annual Key Resolve drills on Monday, "
                            "angering Pyongyang.", datetime.date(2016, 3, 2))
    assert [(e.action, set(e.actors)) for e in evs] == [("ongoing", {"USA", "KOR"})]


def test_pulling_out_of_an_exercise_cancels_it_for_who_pulls_out(exercises):
    evs = events(exercises, "Chile said on Friday it had pulled out of the joint naval exercise.")
    assert [(e.action, e.actors) for e in evs] == [("cancelled", ["CHL"])]
    evs = events(exercises, "Chile withdrew from the joint naval drills with Peru.")
    assert [(e.action, set(e.actors)) for e in evs] == [("cancelled", {"CHL", "PER"})]
    assert events(exercises, "Chile said on Friday it had not pulled out of the joint naval exercise.") == []


def test_the_reporter_is_the_pronoun_that_holds_the_drills(exercises):
    evs = events(exercises, "Peru has said it will hold military drills off its coast next week.")
    assert [(e.action, e.actors) for e in evs] == [("planned", ["PER"])]


def test_guards_holding_naval_war_games_are_armed_forces(exercises):
    evs = events(exercises, "Iran's Revolutionary Guards held naval war games in the Gulf last week.")
    assert [(e.action, e.actors) for e in evs] == [("held", ["IRN"])]


def test_not_ruling_out_an_exercise_keeps_it_in_view(exercises):
    evs = events(exercises, "Chile did not rule out joint naval patrols with Peru.")
    assert [(e.action, set(e.actors)) for e in evs] == [("planned", {"CHL", "PER"})]
    evs = events(exercises, "Joint naval drills with Peru should not be ruled out, Chile said.")
    assert [e.action for e in evs] == ["planned"]
    assert events(exercises, "Chile ruled out joint naval patrols with Peru.") == []


def test_patrol_flights_are_patrols(exercises):
    evs = events(exercises, "Chilean air force jets will carry out patrol flights over the Pacific with Peru.")
    assert [(e.action, set(e.actors)) for e in evs] == [("planned", {"CHL", "PER"})]
    # a patrol modifying another noun is not one
    assert events(exercises, "Chilean border patrol agents met their Peruvian counterparts.") == []


def test_a_name_with_a_country_in_it_is_still_a_name(exercises):
    evs = events(exercises, "Exercise Cope Peru 2021 was conducted at a Peruvian military air base from June 1 to 10.")
    assert [(e.action, e.exercise_name) for e in evs] == [("held", "Cope Peru")]
    # a country alone is no exercise name
    evs = exercises("Exercise Peru 2021 was discussed by the two air forces.")
    assert all(e.exercise_name != "Peru" for e in evs)


def test_a_proper_name_after_the_trigger_names_it(exercises):
    evs = events(exercises, "The Chilean navy will host the multinational naval exercise Aurora in July at Valparaiso.")
    assert [(e.action, e.exercise_name) for e in evs] == [("planned", "Aurora")]
    # a weekday or a state after the trigger is no name
    evs = events(exercises, "Chile held the naval exercise Monday.")
    assert [e.exercise_name for e in evs] == [None]
    evs = events(exercises, "The naval exercise Peru hosted ended on Monday.")
    assert all(e.exercise_name != "Peru" for e in evs)


def test_named_exercises_listed_under_a_status_are_events_each(exercises):
    text = "Chile cancelled several naval drills with Peru, including Blue Reef, Andes Shield and Pacific Guard."
    evs = events(exercises, text)
    named = sorted(e.exercise_name for e in evs if e.exercise_name)
    assert named == ["Andes Shield", "Blue Reef", "Pacific Guard"], [(e.action, e.exercise_name) for e in evs]
    assert all(e.action == "cancelled" and set(e.actors) == {"CHL", "PER"} for e in evs)
    # a list under a mere mention, or of no names, adds nothing
    assert events(exercises, "Chile criticised naval drills such as Blue Reef and Andes Shield.") == []
    evs = events(exercises, "Chile cancelled the naval drills, including those with Peru.")
    assert len(evs) == 1


def test_a_two_digit_edition_and_a_hyphenated_name(exercises):
    text = "The army ordered a halt to the deployment of troops for Andes-Pacific 21, the largest naval exercise in years."
    evs = events(exercises, text)
    assert [(e.action, e.exercise_name) for e in evs] == [("suspended", "Andes-Pacific")]
    # a month day is no edition
    evs = exercises("The naval exercise began on June 14 with Chile and Peru.")
    assert all(e.exercise_name is None for e in evs)


def test_a_title_set_off_by_a_bar_gives_way_to_the_body(exercises):
    text = ("Storm forces navy to postpone Blue Reef naval exercise | 14 June 2021 | "
            "A storm hit the coast of Chile on Sunday. The Chilean navy said on Monday it had postponed the Blue Reef naval exercise because of the storm.")
    evs = events(exercises, text)
    assert len(evs) == 1 and evs[0].action == "suspended" and evs[0].sentence_start > 0, \
        [(e.action, e.sentence_start) for e in evs]


def test_a_visit_a_ship_arrives_for_is_a_port_visit(exercises):
    evs = events(exercises, "A Chilean navy flotilla arrived in Peru on Sunday for a three-day visit.")
    assert [(e.action, e.exercise_kind, set(e.actors)) for e in evs] == [("held", "port_visit", {"CHL", "PER"})]
    assert events(exercises, "The Chilean foreign minister arrived in Peru on Sunday for a three-day visit.") == []


def test_drills_a_country_sees_as_a_threat_are_only_referred_to(exercises):
    evs = events(exercises, "Peru has threatened to respond to the Chilean naval drills, which it sees as a provocation.")
    assert evs == []


def test_an_exercise_that_ended_is_not_also_under_way(exercises):
    text = ("Chile and Peru wrapped up a joint naval exercise on Friday. "
            "The navies began the exercise on June 1 off Valparaiso.")
    assert [e.action for e in events(exercises, text)] == ["held"]
    # begun and not said to have ended: under way
    text = "Chile and Peru began a joint naval exercise on Monday. The exercise will end on Friday."
    assert "ongoing" in [e.action for e in events(exercises, text)]


def test_another_iteration_of_an_exercise_is_an_edition_of_it(exercises):
    text = ("Chile and Peru began the Blue Reef naval exercise on Monday. "
            "Another iteration took place in the spring at a base in Peru.")
    evs = events(exercises, text)
    assert sorted((e.action, tuple(sorted(e.actors))) for e in evs) == [("held", ("CHL", "PER")), ("ongoing", ("CHL", "PER"))]
    # no exercise before it, or an edition of something else: nothing
    assert events(exercises, "Another iteration took place in the spring at a base in Peru.") == []
    assert events(exercises, "The latest edition of the newspaper came out on Monday.") == []
