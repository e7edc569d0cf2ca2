-- One row per real-world event (see event_cluster_members for when two reports are one
-- event): how many events and articles report it, first and last seen (publication days),
-- and its best-evidenced report: the highest confidence, then the finest own date, then
-- the earliest article. date_start/date_end: the finest date the reports agree on.
WITH members AS (
  SELECT
    e.*,
    m.cluster_date_start, m.cluster_date_end,
    g.agreement_name, g.agreement_type, x.exercise_name, x.exercise_kind, s.speaker,
    row_number() OVER (
      PARTITION BY e.cluster_id
      ORDER BY e.confidence DESC, e.date_end - e.date_start ASC NULLS LAST,
               e.published_date ASC NULLS LAST, e.event_id) AS evidence_rank
  FROM article_events e
  JOIN event_cluster_members m ON m.event_id = e.event_id
  LEFT JOIN agreements g ON g.event_id = e.event_id
  LEFT JOIN exercises x ON x.event_id = e.event_id
  LEFT JOIN statements s ON s.event_id = e.event_id
),
counts AS (
  SELECT
    cluster_id,
    count(*) AS n_events,
    count(DISTINCT doc_id) AS n_articles,
    count(DISTINCT source) AS n_sources,
    min(published_date) AS first_seen,
    max(published_date) AS last_seen
  FROM members
  GROUP BY cluster_id
)
SELECT
  b.cluster_id,
  b.event_type,
  b.action,
  array_sort(b.actors) AS actors,
  b.agreement_name, b.agreement_type, b.exercise_name, b.exercise_kind, b.speaker,
  b.cluster_date_start AS date_start,
  b.cluster_date_end AS date_end,
  c.n_events, c.n_articles, c.n_sources, c.first_seen, c.last_seen,
  b.event_id AS best_event_id,
  b.doc_id AS best_doc_id,
  b.sentence_text,
  b.confidence,
  b.title, b.url, b.source
FROM members b
JOIN counts c ON c.cluster_id = b.cluster_id
WHERE b.evidence_rank = 1
