-- Events by month of their articles and type: reports (event rows) and real-world events
-- (clusters, counted in the month they were first seen).
SELECT
  substr(CAST(e.published_date AS STRING), 1, 7) AS month,
  e.event_type,
  count(*) AS n_reports,
  count(DISTINCT CASE WHEN c.first_seen = e.published_date THEN e.cluster_id END) AS n_events
FROM article_events e
JOIN event_clusters c ON c.cluster_id = e.cluster_id
WHERE e.published_date IS NOT NULL
GROUP BY 1, 2
ORDER BY month, e.event_type
