-- What happened to each agreement, event by event, in date order?
-- Real-world events only (clusters, not reports), mentions left out; an agreement is its
-- canonical name, else its type and parties.
SELECT
  coalesce(agreement_name, concat_ws(' ', agreement_type, array_join(actors, '-'))) AS agreement,
  coalesce(date_start, first_seen) AS event_day,
  action,
  array_join(actors, '-') AS parties,
  n_articles,
  sentence_text
FROM event_clusters
WHERE event_type = 'agreement' AND action <> 'mention'
ORDER BY agreement, event_day, action
