"""Exercise events (issue 17s): an unnamed exercise a sentence also names is the named one
in the article's restatements."""


def test_an_unnamed_twin_of_a_named_exercise_takes_its_name_key():
    from transforms.extract.exercises import _dedupe
    from transforms.extract.records import ExerciseEvent

    def ev(action, name=None, start=0):
        return ExerciseEvent(action=action, actors=["AUS"], sentence_start=start, sentence_end=start + 10,
                             anchor_start=start, anchor_end=start + 1, exercise_name=name, participants=["AUS"])

    unnamed, named = ev("planned"), ev("planned", "Pitch Black")
    keys = {id(unnamed): "own:3", id(named): "name:pitch black"}
    aliases = {}
    out = _dedupe([unnamed, named], keys=keys, aliases=aliases)
    assert len(out) == 1 and out[0].exercise_name == "Pitch Black"
    assert aliases == {"own:3": "name:pitch black"}
    # two named exercises or two unnamed ones alias nothing
    aliases = {}
    a, b = ev("planned", "Kakadu"), ev("planned", "Pitch Black")
    _dedupe([a, b], keys={id(a): "name:kakadu", id(b): "name:pitch black"}, aliases=aliases)
    assert aliases == {}
