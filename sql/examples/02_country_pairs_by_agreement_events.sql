-- Which pairs of countries are parties to the most agreement events?
-- Mentions (nothing happens to the agreement in that sentence) are left out.
SELECT
  a.actor_code AS party_1,
  b.actor_code AS party_2,
  count(DISTINCT a.cluster_id) AS n_events,
  count(DISTINCT a.event_id) AS n_reports,
  count(DISTINCT a.doc_id) AS n_articles
FROM actor_events a
JOIN actor_events b ON b.event_id = a.event_id AND a.actor_code < b.actor_code
WHERE a.event_type = 'agreement' AND a.action <> 'mention'
GROUP BY a.actor_code, b.actor_code
ORDER BY n_events DESC, n_reports DESC, party_1, party_2
