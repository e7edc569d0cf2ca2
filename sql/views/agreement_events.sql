-- One row per agreement event: what happened to which agreement, by whom, when, where read
-- (every column of article_events, then the agreement's). actors: the parties' codes;
-- actor_names: as written.
SELECT
  e.*,
  g.agreement_name, g.agreement_acronym, g.agreement_type,
  g.party_names AS actor_names,
  g.polarity, g.modality, g.trigger
FROM article_events e
JOIN agreements g ON g.event_id = e.event_id
