-- What did each speaker say about an agreement?
-- A statement is about an agreement when its quote overlaps a sentence that states or
-- mentions one in the same article.
SELECT DISTINCT
  s.speaker,
  s.speaker_code,
  coalesce(g.agreement_name, g.agreement_type) AS agreement,
  g.action AS agreement_action,
  s.quote_text,
  s.published_date,
  s.title,
  s.event_id
FROM statement_events s
JOIN agreement_events g
  ON g.doc_id = s.doc_id AND g.sentence_start < s.quote_end AND s.quote_start < g.sentence_end
WHERE s.speaker IS NOT NULL
ORDER BY s.speaker, agreement, s.published_date, s.event_id
