-- One row per agreement event: what happened to which agreement, by whom, when, where read.
-- actors: the parties' codes; actor_names: as written.
SELECT
  e.event_id, e.doc_id, e.cluster_id,
  e.action,
  g.agreement_name, g.agreement_acronym, g.agreement_type,
  e.actors, g.party_names AS actor_names,
  g.polarity, g.modality, g.trigger,
  e.event_date, e.date_start, e.date_end, e.confidence,
  e.sentence_start, e.sentence_end, e.sentence_text,
  e.published_date, e.title, e.url, e.source
FROM article_events e
JOIN agreements g ON g.event_id = e.event_id
WHERE e.event_type = 'agreement'
