-- One row per date expression (TIMEX3) with its article; the table's start_char/end_char/
-- text named as the other spans are (timex_start, timex_end, timex_text).
SELECT
  d.doc_id,
  d.start_char AS timex_start,
  d.end_char AS timex_end,
  d.text AS timex_text,
  d.timex_type,
  d.value,
  d.mod,
  d.range_start,
  d.range_end,
  a.published_date,
  a.title,
  a.source
FROM dates d
JOIN article_info a ON a.doc_id = d.doc_id
