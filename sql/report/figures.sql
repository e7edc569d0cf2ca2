-- The output in figures: articles, their dates, events by type, real-world events, rejects.
SELECT
  (SELECT count(*) FROM articles) AS articles,
  (SELECT count(published_date) FROM articles) AS dated_articles,
  (SELECT CAST(min(published_date) AS STRING) FROM articles) AS first_published,
  (SELECT CAST(max(published_date) AS STRING) FROM articles) AS last_published,
  (SELECT sum(word_count) FROM articles) AS words,
  (SELECT count(*) FROM events) AS events,
  (SELECT count(*) FROM events WHERE event_type = 'agreement') AS agreement_events,
  (SELECT count(*) FROM events WHERE event_type = 'exercise') AS exercise_events,
  (SELECT count(*) FROM events WHERE event_type = 'statement') AS statement_events,
  (SELECT count(*) FROM event_clusters) AS event_clusters,
  (SELECT count(*) FROM event_clusters WHERE n_articles > 1) AS clusters_in_several_articles,
  (SELECT count(*) FROM rejects) AS rejects
