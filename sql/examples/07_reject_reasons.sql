-- Why were inputs not read (or an extractor failed on an article), by stage and reason?
-- With one example input and its message for each.
SELECT
  stage,
  reason,
  count(*) AS n_rejects,
  min(source_path) AS example_path,
  min(detail) AS example_detail
FROM rejects
GROUP BY stage, reason
ORDER BY n_rejects DESC, stage, reason
