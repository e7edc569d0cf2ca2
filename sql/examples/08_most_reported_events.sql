-- Which real-world events did more than one article report, most reported first?
-- One row per event cluster, with its best-evidenced sentence.
SELECT
  n_articles,
  n_sources,
  event_type,
  action,
  array_join(actors, '-') AS actors,
  coalesce(agreement_name, exercise_name, speaker, agreement_type, exercise_kind) AS subject,
  date_start,
  date_end,
  first_seen,
  last_seen,
  sentence_text
FROM event_clusters
WHERE n_articles > 1
ORDER BY n_articles DESC, n_events DESC, first_seen, cluster_id
