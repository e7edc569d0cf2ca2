-- One row per event: the cluster it belongs to. Events of one cluster_key share a cluster
-- when their dates agree: one date's calendar days contain the other's (2016-02 agrees
-- with 2016-02-12, 2016 with both; 2016-02-12 does not agree with 2016-02-13, nor a week
-- with a month it overlaps only in part). Each finest date of a key (one containing no
-- other date of the key) anchors a cluster; a coarser date joins the one anchor it
-- contains, or, containing several (two signings in one month, and a report saying only
-- "in February"), stays a cluster of its own with the reports of that same date. Undated
-- events of one key cluster by their articles' publication day. cluster_date_start/end:
-- the anchor, the finest date the cluster's reports agree on (NULL if undated).
WITH intervals AS (
  SELECT DISTINCT cluster_key, date_start, date_end
  FROM event_keys
  WHERE cluster_key IS NOT NULL AND date_start IS NOT NULL AND date_end IS NOT NULL
),
anchors AS (
  SELECT i.cluster_key, i.date_start, i.date_end
  FROM intervals i
  WHERE NOT EXISTS (
    SELECT 1 FROM intervals j
    WHERE j.cluster_key = i.cluster_key
      AND j.date_start >= i.date_start AND j.date_end <= i.date_end
      AND (j.date_start > i.date_start OR j.date_end < i.date_end))
),
resolved AS (
  SELECT i.cluster_key, i.date_start, i.date_end,
    CASE WHEN count(*) = 1 THEN min(a.date_start) ELSE i.date_start END AS anchor_start,
    CASE WHEN count(*) = 1 THEN min(a.date_end) ELSE i.date_end END AS anchor_end
  FROM intervals i
  JOIN anchors a
    ON a.cluster_key = i.cluster_key AND a.date_start >= i.date_start AND a.date_end <= i.date_end
  GROUP BY i.cluster_key, i.date_start, i.date_end
)
SELECT
  k.event_id,
  k.doc_id,
  substr(md5(CASE
    WHEN k.cluster_key IS NULL THEN concat_ws('|', 'event', k.event_id)
    WHEN r.anchor_start IS NOT NULL
      THEN concat_ws('|', k.cluster_key, CAST(r.anchor_start AS STRING), CAST(r.anchor_end AS STRING))
    WHEN k.date_start IS NULL AND k.published_date IS NOT NULL
      THEN concat_ws('|', k.cluster_key, 'published', CAST(k.published_date AS STRING))
    ELSE concat_ws('|', 'event', k.event_id)
  END), 1, 16) AS cluster_id,
  r.anchor_start AS cluster_date_start,
  r.anchor_end AS cluster_date_end
FROM event_keys k
LEFT JOIN resolved r
  ON r.cluster_key = k.cluster_key AND r.date_start = k.date_start AND r.date_end = k.date_end
