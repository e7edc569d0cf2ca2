-- One row per article: what an event links back to. `source` is the publisher the input
-- named, else the host of its url without "www." (news2016 gives urls only).
SELECT
  doc_id,
  published_date,
  title,
  url,
  coalesce(source, nullif(regexp_extract(url, '^[A-Za-z][A-Za-z0-9+.-]*://(www[0-9]*[.])?([^/:?#]+)', 2), '')) AS source,
  dateline,
  word_count,
  source_path
FROM articles
