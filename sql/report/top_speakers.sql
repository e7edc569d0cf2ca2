-- The most quoted speakers of a known country or organisation (not "officials" or
-- "police"): articles quoting them, statements, their country.
SELECT
  speaker,
  speaker_code,
  count(DISTINCT doc_id) AS n_articles,
  count(*) AS n_statements
FROM statement_events
WHERE speaker IS NOT NULL AND speaker_code IS NOT NULL
GROUP BY speaker, speaker_code
ORDER BY n_articles DESC, n_statements DESC, speaker
LIMIT 25
