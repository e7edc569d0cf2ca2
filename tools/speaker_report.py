#!/usr/bin/env python
"""Three figures of the speakers in a run's statements (issue 18), by DuckDB queries:

    python tools/speaker_report.py OUT [--examples N]

OUT is a pipeline or snapshot output (OUT/statements, OUT/articles). Printed:

1. speakers holding a dateline: a statement whose speaker, mention or title holds a run of
   capitals that opens a paragraph of its article (`BEIRUT/PARIS/LONDON A major ...`), or
   two capitals words joined by a slash;
2. `speaker_code` filled among the statements whose speaker is a named person;
3. named persons given more than one code within one article (to read: the article may give
   them two), and the names given more than one code over the whole run.

A *named person* is a speaker written as a personal name: two to four capitalised words
(particles like `al-`, `bin`, `van` allowed), none of them an organisation word (`Ministry`,
`Times`, ...), and not a state, capital or organisation the actor lexicon knows. Descriptions
(`officials`, `Jane Doe's lawyer`) and bare surnames are left out of figure 2: the query
prints how many statements each class has, so the figure can be read against them.

With `--parses FILE.spacy` (the run's cached spaCy parses, e.g. the snapshot's `--cache`
DocBin of the set), figure 2 is also printed for a stricter class: named persons whose whole name
spaCy tags in their article no more often with another label than with PERSON, which drops names of the pattern that are no person
(`Super Tuesday`, `Uber Chile`, `NJ Transit`); a name spaCy never tags stays. The statements table has no speaker type, so
the entity label is read from the parses; both figures are printed, the first unchanged.
"""
from __future__ import annotations

import argparse
import os
import sys

import duckdb

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if REPO not in sys.path:
    sys.path.insert(0, REPO)

from transforms.extract.actors import get_resolver  # noqa: E402

ORG_WORDS = (
    "Ministry|Department|Office|Council|Committee|Agency|Army|Navy|Force|Forces|Party|Times|Post|News|"
    "Journal|Reuters|Press|Association|Union|Organization|Organisation|Institute|University|Bank|Court|"
    "Commission|Group|Company|Corp|Inc|Service|Services|House|Government|Administration|Foundation|Network|"
    "Media|Daily|Channel|Center|Centre|Observatory|Board|Authority|Police|Guard|Command|Corps|Staff|Movement|"
    "Front|Coalition|Alliance|Federation|Club|League|Conference|Assembly|Parliament|Congress|Senate|Embassy|"
    "Mission|Airlines|Motors|Agency|Television|Radio|Magazine|Review|Tribune|Herald|Telegraph|Guardian|"
    "Gazette|Bureau|Fund|Program|Programme|Project|Campaign|Institution|School|College|Hospital|Church|"
    "Republicans|Democrats|Republican|Democratic|Brigades|Battalion|Regiment|Division|Fleet|Command|"
    "Kremlin|Pentagon|Whitehouse|Ltd|LLC|Co|Group|Holdings|Systems|Technologies|Sciences|Studies|Research|"
    "Foundation|Trust|Society|Watch|International|Global|National|Federal|State|States|Nations|Street|"
    "Forum|Tigers|Brotherhood|Taliban|Army|Airways|Club|Team|Police")
ORG_RE = r"\b(?:" + ORG_WORDS + r")\b"
PARTICLES = "al|el|bin|ibn|van|von|de|der|den|du|da|di|la|le|dos|das|del|ben|abu"
NAME_WORD = rf"(?:(?:{PARTICLES})[- ])?[A-Z][\p{{L}}.'’-]*"
PERSON_NAME = rf"{NAME_WORD}(?:\s+{NAME_WORD}){{1,3}}"
# capitals opening a paragraph, before a capitalised word: `BEIRUT/PARIS/LONDON A major`
PARAGRAPH_CAPS = r"(?:^|\n)[ \t]*([A-Z][A-Z.'’&-]+(?:[ ,/]+[A-Z][A-Z.'’&-]+)*)[ ,]+[A-Z][a-z]"


def lit(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def connect(out: str) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(f"CREATE VIEW statements AS SELECT * FROM read_parquet('{out}/statements/**/*.parquet')")
    con.execute(f"CREATE VIEW articles AS SELECT doc_id, text FROM read_parquet('{out}/articles/**/*.parquet')")
    r = get_resolver()
    known = sorted({s for s, (_, kind) in r.entries.items() if kind != "person"})
    con.execute("CREATE TABLE known_actor(name VARCHAR)")
    con.executemany("INSERT INTO known_actor VALUES (?)", [(k,) for k in known])
    con.execute(f"""
        CREATE VIEW person_statements AS
        SELECT s.*, (regexp_full_match(s.speaker, {lit(PERSON_NAME)})
                     AND NOT regexp_matches(s.speaker, {lit(ORG_RE)})
                     AND regexp_replace(s.speaker, '^(?:the|The) ', '') NOT IN (SELECT name FROM known_actor)
                    ) AS named_person
        FROM statements s""")
    # a dateline is a place: capitals of at least four letters in a row, opening a paragraph and
    # found nowhere else in the article (an acronym, `NHTSA`, recurs), no organisation the lexicon knows
    con.execute(f"""
        CREATE VIEW article_caps AS
        SELECT doc_id, run FROM (
            SELECT doc_id, text, unnest(regexp_extract_all(text, {lit(PARAGRAPH_CAPS)}, 1)) AS run FROM articles)
        WHERE regexp_matches(run, '[A-Z]{{4,}}')
          AND (length(text) - length(replace(text, run, ''))) // length(run) = 1
          AND run NOT IN (SELECT name FROM known_actor WHERE name = upper(name))""")
    return con


DATELINE_SQL = """
    WITH f AS (
        SELECT doc_id, speaker, speaker_mention, speaker_title,
               concat_ws(' | ', speaker, speaker_mention, speaker_title) AS words
        FROM statements)
    SELECT f.doc_id, f.speaker, f.speaker_mention, f.speaker_title FROM f
    WHERE regexp_matches(f.words, '\\b[A-Z]{4,}/[A-Z]{4,}')
       OR EXISTS (SELECT 1 FROM article_caps c WHERE c.doc_id = f.doc_id AND (
                  contains(f.words, c.run || ' ') OR contains(f.words, c.run || '/')
                  OR contains(f.words, '/' || c.run)))
"""

CODE_FILL_SQL = """
    SELECT count(*) FILTER (WHERE named_person) AS person_statements,
           count(*) FILTER (WHERE named_person AND speaker_code IS NOT NULL) AS with_code,
           round(100.0 * count(*) FILTER (WHERE named_person AND speaker_code IS NOT NULL)
                 / nullif(count(*) FILTER (WHERE named_person), 0), 1) AS pct,
           count(*) AS all_statements,
           count(*) FILTER (WHERE speaker IS NULL) AS no_speaker,
           count(*) FILTER (WHERE speaker IS NOT NULL AND NOT named_person) AS other_speakers
    FROM person_statements
"""

MULTI_CODE_SQL = """
    SELECT doc_id, speaker, list(DISTINCT speaker_code ORDER BY speaker_code) AS codes, count(*) AS n
    FROM person_statements WHERE named_person AND speaker_code IS NOT NULL
    GROUP BY doc_id, speaker HAVING count(DISTINCT speaker_code) > 1
    ORDER BY n DESC
"""

CORPUS_MULTI_CODE_SQL = """
    SELECT speaker, list(DISTINCT speaker_code ORDER BY speaker_code) AS codes, count(*) AS n,
           count(DISTINCT doc_id) AS articles
    FROM person_statements WHERE named_person AND speaker_code IS NOT NULL
    GROUP BY speaker HAVING count(DISTINCT speaker_code) > 1
    ORDER BY n DESC
"""


# the entities naming a speaker by its whole name (`the` dropped)
SPEAKER_ENTS = """
    CREATE VIEW speaker_labels AS
    SELECT p.event_id, count(*) FILTER (WHERE e.label = 'PERSON') AS as_person,
           count(*) FILTER (WHERE e.label <> 'PERSON') AS as_other
    FROM person_statements p JOIN ents e ON e.doc_id = p.doc_id AND e.name = p.speaker
    WHERE p.named_person GROUP BY p.event_id
"""

PERSON_FILL_SQL = """
    SELECT count(*) AS person_statements, count(*) FILTER (WHERE p.speaker_code IS NOT NULL) AS with_code,
           round(100.0 * count(*) FILTER (WHERE p.speaker_code IS NOT NULL) / nullif(count(*), 0), 1) AS pct
    FROM person_statements p LEFT JOIN speaker_labels l USING (event_id)
    WHERE p.named_person AND coalesce(l.as_other, 0) <= coalesce(l.as_person, 0)
"""


def load_entities(con: duckdb.DuckDBPyConnection, parses: str) -> None:
    """Table ents(doc_id, name, label): the entities spaCy found in each article, one row per
    mention (its parse joined to the article by its text), a possessive dropped."""
    import re
    import spacy
    from spacy.tokens import DocBin
    by_text = dict((t, d) for d, t in con.execute("SELECT doc_id, text FROM articles").fetchall())
    rows = []
    for doc in DocBin().from_disk(parses).get_docs(spacy.blank("en").vocab):
        doc_id = by_text.get(doc.text)
        if doc_id is not None:
            rows += [(doc_id, re.sub(r"^(?:the|The) |(?:'s|’s|'|’)$", "", ent.text.strip()), ent.label_)
                     for ent in doc.ents]
    con.execute("CREATE TABLE ents(doc_id VARCHAR, name VARCHAR, label VARCHAR)")
    con.executemany("INSERT INTO ents VALUES (?, ?, ?)", rows)
    con.execute(SPEAKER_ENTS)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out")
    p.add_argument("--examples", type=int, default=10, help="rows shown of each list")
    p.add_argument("--parses", help="the run's spaCy parses (a DocBin): figure 2 also for PERSON entities only")
    args = p.parse_args(argv)
    con = connect(args.out)
    n = args.examples

    dl = con.execute(DATELINE_SQL).fetchall()
    print(f"1. statements whose speaker holds a dateline: {len(dl)}")
    for row in dl[:n]:
        print("   ", row)

    fill = con.execute(CODE_FILL_SQL).fetchone()
    print(f"2. speaker_code filled: {fill[1]} of {fill[0]} statements of named persons ({fill[2]} %)"
          f"; all statements {fill[3]}, no speaker {fill[4]}, other speakers {fill[5]}")
    missing = con.execute("""SELECT speaker, count(*) AS n FROM person_statements
                             WHERE named_person AND speaker_code IS NULL GROUP BY speaker ORDER BY n DESC""").fetchall()
    print("   most frequent named persons without a code:", missing[:n])
    if args.parses:
        load_entities(con, args.parses)
        strict = con.execute(PERSON_FILL_SQL).fetchone()
        print(f"   without those spaCy tags as no person in their article: {strict[1]} of {strict[0]}"
              f" ({strict[2]} %)")
        left = con.execute("""SELECT speaker, count(*) AS n FROM person_statements p JOIN speaker_labels l
                              USING (event_id) WHERE named_person AND l.as_other > l.as_person
                              GROUP BY speaker ORDER BY n DESC""").fetchall()
        print("   most frequent named persons spaCy tags as no person:", left[:n])

    multi = con.execute(MULTI_CODE_SQL).fetchall()
    print(f"3. named persons with more than one code in one article: {len(multi)}"
          f" ({sum(r[3] for r in multi)} statements)")
    for row in multi[:n]:
        print("   ", row)
    corpus = con.execute(CORPUS_MULTI_CODE_SQL).fetchall()
    print(f"   names with more than one code over the run: {len(corpus)}")
    for row in corpus[:n]:
        print("   ", row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
