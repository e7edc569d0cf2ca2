-- One row per article: what an event links back to. `source` is the publisher the input
-- named, else the host of its url without "www." (news2016 gives urls only): of the page a
-- redirect link points to (its `url=` parameter) where it is one; what comes before
-- its scheme ignored (some inputs quote their urls).
SELECT
  doc_id,
  published_date,
  title,
  url,
  coalesce(
    source,
    nullif(lower(regexp_extract(url, '[?&;]url=[A-Za-z]+://(www[0-9]*[.])?([A-Za-z0-9.-]+)', 2)), ''),
    nullif(lower(regexp_extract(url, '^[^A-Za-z]*[A-Za-z][A-Za-z0-9+.-]*://(www[0-9]*[.])?([A-Za-z0-9.-]+)', 2)), '')
  ) AS source,
  dateline,
  word_count,
  source_path
FROM articles
