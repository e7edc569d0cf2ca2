-- How active was each country or organisation each month, by event type?
-- Real-world events (clusters) by the month of their reports; mentions left out.
SELECT
  substr(CAST(published_date AS STRING), 1, 7) AS month,
  actor_code,
  count(DISTINCT CASE WHEN event_type = 'agreement' THEN cluster_id END) AS n_agreement_events,
  count(DISTINCT CASE WHEN event_type = 'exercise' THEN cluster_id END) AS n_exercise_events,
  count(DISTINCT CASE WHEN event_type = 'statement' THEN cluster_id END) AS n_statement_events,
  count(DISTINCT cluster_id) AS n_events
FROM actor_events
WHERE action <> 'mention' AND published_date IS NOT NULL
GROUP BY 1, 2
ORDER BY month, n_events DESC, actor_code
