-- One row per exercise event. actors: the participants' codes.
SELECT
  e.event_id, e.doc_id, e.cluster_id,
  e.action,
  x.exercise_name, x.exercise_kind,
  e.actors,
  x.location, x.location_code, x.trigger,
  e.event_date, e.date_start, e.date_end, e.confidence,
  e.sentence_start, e.sentence_end, e.sentence_text,
  e.published_date, e.title, e.url, e.source
FROM article_events e
JOIN exercises x ON x.event_id = e.event_id
WHERE e.event_type = 'exercise'
