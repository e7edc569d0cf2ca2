-- The most quoted speakers: articles quoting them, statements, their country.
SELECT
  speaker,
  speaker_code,
  count(DISTINCT doc_id) AS n_articles,
  count(*) AS n_statements
FROM statement_events
WHERE speaker IS NOT NULL
GROUP BY speaker, speaker_code
ORDER BY n_articles DESC, n_statements DESC, speaker
LIMIT 25
