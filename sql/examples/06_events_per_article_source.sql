-- How many events of each type does each source give, in all and per article?
-- source: the publisher the input named, else the host of the article's url.
SELECT
  a.source,
  count(DISTINCT a.doc_id) AS n_articles,
  count(e.event_id) AS n_events,
  count(CASE WHEN e.event_type = 'agreement' THEN 1 END) AS n_agreement_events,
  count(CASE WHEN e.event_type = 'exercise' THEN 1 END) AS n_exercise_events,
  count(CASE WHEN e.event_type = 'statement' THEN 1 END) AS n_statement_events,
  round(CAST(count(e.event_id) AS DOUBLE) / count(DISTINCT a.doc_id), 2) AS events_per_article
FROM article_info a
LEFT JOIN article_events e ON e.doc_id = a.doc_id
GROUP BY a.source
ORDER BY n_events DESC, a.source
