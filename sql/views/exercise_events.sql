-- One row per exercise event (every column of article_events, then the exercise's).
-- actors: the participants' codes.
SELECT
  e.*,
  x.exercise_name, x.exercise_kind,
  x.location, x.location_code, x.trigger
FROM article_events e
JOIN exercises x ON x.event_id = e.event_id
