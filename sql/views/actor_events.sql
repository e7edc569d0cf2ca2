-- One row per actor per event. actor_role: party (agreement), participant (exercise) or
-- speaker (statement: the speaker's country or organisation).
SELECT
  e.event_id, e.doc_id, e.cluster_id,
  e.event_type, e.action,
  t.actor_code,
  CASE e.event_type WHEN 'agreement' THEN 'party' WHEN 'exercise' THEN 'participant'
                    WHEN 'statement' THEN 'speaker' END AS actor_role,
  size(e.actors) AS n_actors,
  e.event_date, e.date_start, e.date_end, e.confidence,
  e.published_date, e.source
FROM article_events e, LATERAL (SELECT explode(e.actors) AS actor_code) t
