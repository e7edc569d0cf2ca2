-- Which agreements were terminated or suspended, per year and party?
-- Year of the event's own date (else of the article). n_events counts real-world events
-- (clusters), n_reports the sentences that report them.
SELECT
  year(coalesce(g.date_start, g.published_date)) AS year,
  t.actor_code AS party,
  g.action,
  count(DISTINCT g.cluster_id) AS n_events,
  count(*) AS n_reports,
  array_join(array_sort(collect_set(coalesce(g.agreement_name, g.agreement_type))), ', ') AS agreements
FROM agreement_events g, LATERAL (SELECT explode(g.actors) AS actor_code) t
WHERE g.action IN ('terminate', 'suspend')
GROUP BY year(coalesce(g.date_start, g.published_date)), t.actor_code, g.action
ORDER BY year, party, g.action
