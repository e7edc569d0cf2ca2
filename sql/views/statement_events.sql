-- One row per statement: who said what to whom, when (every column of article_events,
-- then the statement's). actors: the speaker's country or organisation (also
-- speaker_code); trigger: the cue as written (`said`, `According to`), action its lemma.
SELECT
  e.*,
  s.speaker, s.speaker_mention, s.speaker_title, s.speaker_code,
  s.cue AS trigger, s.addressee,
  s.quote_text, s.quote_start, s.quote_end, s.quote_type
FROM article_events e
JOIN statements s ON s.event_id = e.event_id
