-- How many exercises did each participant take part in, per month, and which ones?
-- Month of the exercise's own date where that date lies within one month, else of the
-- article. Exercises without a name are listed by their kind.
SELECT
  t.actor_code AS participant,
  CASE WHEN substr(CAST(x.date_start AS STRING), 1, 7) = substr(CAST(x.date_end AS STRING), 1, 7)
       THEN substr(CAST(x.date_start AS STRING), 1, 7)
       ELSE substr(CAST(x.published_date AS STRING), 1, 7) END AS month,
  count(DISTINCT x.cluster_id) AS n_exercises,
  count(*) AS n_reports,
  array_join(array_sort(collect_set(coalesce(x.exercise_name, x.exercise_kind))), ', ') AS exercises
FROM exercise_events x, LATERAL (SELECT explode(x.actors) AS actor_code) t
WHERE x.action <> 'mention'
GROUP BY 1, 2
ORDER BY participant, month
