-- Every event with its article (date, title, url, source) and its cluster.
SELECT
  e.event_id,
  e.doc_id,
  m.cluster_id,
  e.event_type,
  e.action,
  e.actors,
  e.event_date,
  e.date_start,
  e.date_end,
  e.confidence,
  e.sentence_start,
  e.sentence_end,
  e.sentence_text,
  a.published_date,
  a.title,
  a.url,
  a.source
FROM events e
JOIN article_info a ON a.doc_id = e.doc_id
JOIN event_cluster_members m ON m.event_id = e.event_id
