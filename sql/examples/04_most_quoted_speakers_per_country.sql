-- Who are the three most quoted speakers of each country or organisation?
-- Ranked by the articles that quote them, then by their statements.
WITH counts AS (
  SELECT speaker_code, speaker, count(DISTINCT doc_id) AS n_articles, count(*) AS n_statements
  FROM statement_events
  WHERE speaker_code IS NOT NULL AND speaker IS NOT NULL
  GROUP BY speaker_code, speaker
),
ranked AS (
  SELECT *, row_number() OVER (PARTITION BY speaker_code
                               ORDER BY n_articles DESC, n_statements DESC, speaker) AS speaker_rank
  FROM counts
)
SELECT speaker_code, speaker_rank, speaker, n_articles, n_statements
FROM ranked
WHERE speaker_rank <= 3
ORDER BY speaker_code, speaker_rank
