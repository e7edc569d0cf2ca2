-- Internal: what makes two events the same real-world event, apart from the date.
-- cluster_key is NULL where an event cannot be told apart from others of its kind (no
-- actor and no name; a statement without a named speaker of a known country): such an
-- event is a cluster of its own.
--   agreement / exercise: type, action, the sorted actor set, and the agreement's or
--     exercise's canonical name (its agreement_type / exercise_kind where it has none);
--   statement: the sorted actor set and the speaker's name, not the cue (one statement is
--     "said" in one report and "told" in another).
SELECT
  e.event_id,
  e.doc_id,
  e.event_type,
  e.date_start,
  e.date_end,
  a.published_date,
  CASE
    WHEN e.event_type = 'statement' THEN
      CASE WHEN s.speaker IS NOT NULL AND size(e.actors) > 0
           THEN concat_ws('|', e.event_type, array_join(array_sort(e.actors), ','), lower(s.speaker)) END
    WHEN size(e.actors) > 0 OR g.agreement_name IS NOT NULL OR x.exercise_name IS NOT NULL THEN
      concat_ws('|', e.event_type, e.action, array_join(array_sort(e.actors), ','),
                coalesce(g.agreement_name, x.exercise_name, concat_ws('', '~', g.agreement_type, x.exercise_kind)))
  END AS cluster_key
FROM events e
JOIN articles a ON a.doc_id = e.doc_id
LEFT JOIN agreements g ON g.event_id = e.event_id
LEFT JOIN exercises x ON x.event_id = e.event_id
LEFT JOIN statements s ON s.event_id = e.event_id
