"""The statements lexicon: cue verbs (`cues.json`) and the words speakers are resolved
with (`speakers.json`, `gender.json`), read once when the component is made and passed to what needs it."""
from __future__ import annotations

import dataclasses
from typing import Dict, FrozenSet, Optional

from transforms.nlp.lexicon import load_json

# punctuation dropped from the start of what is stated, with the lexicon's words
LEAD_PUNCT = frozenset({",", ":", ";", "-", "—", "–"})


@dataclasses.dataclass(frozen=True)
class StatementLexicon:
    verbs: Dict[str, dict]                  # cue lemma -> its entry (preps, particle, needs_clause, ...)
    say_verbs: FrozenSet[str]               # the cue lemmas
    nouns: Dict[str, dict]                  # cue noun lemma -> its entry (preps whose object is the content)
    addressee_to_verbs: FrozenSet[str]      # `said to X`: X is spoken to
    lead_trim: FrozenSet[str]               # dropped from the start of what is stated
    cut_marks: FrozenSet[str]               # `as`, `when`: end what is stated
    obligation_words: FrozenSet[str]        # `must`, `should`: a cue under them states nothing yet
    unsaid_heads: FrozenSet[str]            # `declined to say`, `urged X to disclose`: not said by X
    unsaid_head_particles: Dict[str, str]   # `call` blocks only as `call on`
    venue_nouns: FrozenSet[str]             # `said in a statement`
    object_preps: FrozenSet[str]            # `denied the report on ...`
    adjunct_pobj: FrozenSet[str]            # `on the eve of ...`: an adjunct
    adjunct_preps: FrozenSet[str]           # the prepositions of such adjuncts (not `for the final month`)
    speech_event_nouns: FrozenSet[str]      # `during talks with X`: an occasion of the saying
    during_event_nouns: FrozenSet[str]      # `during talks`: an occasion after `during` only
    when_antecedents: FrozenSet[str]        # `at a time when ...`: a true relative
    headline_labels: FrozenSet[str]         # `Exclusive: ...`, `Poll: ...`: a headline's label, no speaker
    person_pronouns: FrozenSet[str]
    group_pronouns: FrozenSet[str]
    relative_pronouns: FrozenSet[str]
    title_words: FrozenSet[str]
    honorifics: FrozenSet[str]
    determiners: FrozenSet[str]
    person_nouns: FrozenSet[str]
    document_nouns: FrozenSet[str]
    group_nouns: FrozenSet[str]
    owner_nouns: FrozenSet[str]             # `his spokesman`, `its office`: the owner's code is theirs
    role_hypernyms: Dict[str, tuple]        # `officer` -> the narrower roles it may refer back to (`commander`)
    domestic_titles: FrozenSet[str]         # offices held in one's own country (the dateline's, unqualified)
    international_titles: FrozenSet[str]    # `Secretary-General`: never a country's office
    party_codes: Dict[str, str]             # `Republican` -> USA in a title
    party_name_words: frozenset             # `Republican National Committee`: still the party of party_codes
    other_party_prefixes: frozenset         # `Liberal Democrat`: another country's party
    party_state_after_name: dict            # {pattern, code}: `, R-Texas` after a name
    seat_words: FrozenSet[str]              # `Tokyo-based`, `headquartered in`: an organisation's country
    gender: Dict[str, str]                  # given name or gendered title/honorific -> "f" / "m" (gender.json)

    @classmethod
    def load(cls, folder: Optional[str] = None) -> "StatementLexicon":
        """From `folder` (None: the package's transforms/lexicons/statements/)."""
        cues = load_json("statements", "cues.json", folder)
        spk = load_json("statements", "speakers.json", folder)
        sexes = load_json("statements", "gender.json", folder)
        gender = {w: "f" for key in ("female", "female_titles") for w in sexes[key]}
        gender.update({w: "m" for key in ("male", "male_titles") for w in sexes[key]})
        return cls(
            verbs=cues["verbs"],
            say_verbs=frozenset(cues["verbs"]),
            nouns=cues["nouns"],
            addressee_to_verbs=frozenset(cues["addressee_to_verbs"]),
            lead_trim=frozenset(cues["trim_leading_words"]) | LEAD_PUNCT,
            cut_marks=frozenset(cues["cut_marks"]),
            obligation_words=frozenset(cues["obligation_words"]),
            unsaid_heads=frozenset(cues["unsaid_heads"]),
            unsaid_head_particles=cues["unsaid_head_particles"],
            venue_nouns=frozenset(cues["venue_nouns"]),
            object_preps=frozenset(cues["object_preps"]),
            adjunct_pobj=frozenset(cues["adjunct_pobj"]),
            adjunct_preps=frozenset(cues["adjunct_preps"]),
            speech_event_nouns=frozenset(cues["speech_event_nouns"]),
            during_event_nouns=frozenset(cues["during_event_nouns"]),
            when_antecedents=frozenset(cues["when_antecedents"]),
            headline_labels=frozenset(w.casefold() for w in cues["headline_labels"]),
            gender=gender,
            role_hypernyms={k: tuple(v) for k, v in spk["role_hypernyms"].items()},
            party_codes=spk["party_codes"],
            party_state_after_name=spk["party_state_after_name"],
            **{key: frozenset(spk[key]) for key in (
                "person_pronouns", "group_pronouns", "relative_pronouns", "title_words", "honorifics",
                "determiners", "person_nouns", "document_nouns", "group_nouns", "owner_nouns", "domestic_titles",
                "international_titles", "party_name_words", "other_party_prefixes", "seat_words")},
        )
