-- One row per statement: who said what to whom, when. actors: the speaker's country or
-- organisation (also speaker_code); trigger: the cue as written (`said`, `According to`),
-- action its lemma.
SELECT
  e.event_id, e.doc_id, e.cluster_id,
  e.action,
  s.speaker, s.speaker_mention, s.speaker_title, s.speaker_code,
  e.actors,
  s.cue AS trigger, s.addressee,
  s.quote_text, s.quote_start, s.quote_end, s.quote_type,
  e.event_date, e.date_start, e.date_end, e.confidence,
  e.sentence_start, e.sentence_end, e.sentence_text,
  e.published_date, e.title, e.url, e.source
FROM article_events e
JOIN statements s ON s.event_id = e.event_id
WHERE e.event_type = 'statement'
