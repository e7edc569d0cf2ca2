-- Exercises on a timeline: one row per real-world exercise event (mentions left out), its
-- days (the cluster's date, else the day it was first reported) and how widely reported.
SELECT
  coalesce(exercise_name, concat_ws(' ', exercise_kind, array_join(actors, '-'))) AS exercise,
  action,
  array_join(actors, '-') AS participants,
  CAST(coalesce(date_start, first_seen) AS STRING) AS day_start,
  CAST(coalesce(date_end, first_seen) AS STRING) AS day_end,
  n_articles,
  sentence_text
FROM event_clusters
WHERE event_type = 'exercise' AND action <> 'mention' AND coalesce(date_start, first_seen) IS NOT NULL
ORDER BY n_articles DESC, day_start
LIMIT 300
