-- The partner event log: every event the service sent (or would send) to a partner, with its delivery attempts,
-- kept 30 days. `seq` is the order of appending (newest first in lists); `event` is the body exactly as POSTed
-- (json, not jsonb, so a redelivery sends the same text); `deliveries` grows by one {at, status} per attempt.
CREATE TABLE webhook_events (
  seq bigserial PRIMARY KEY,
  id text NOT NULL UNIQUE,
  partner_id text NOT NULL,
  type text NOT NULL,
  appended_at timestamptz NOT NULL,
  event json NOT NULL,
  deliveries jsonb NOT NULL DEFAULT '[]'::jsonb
);

-- A partner's list, newest first, paged by seq.
CREATE INDEX webhook_events_partner_newest ON webhook_events (partner_id, seq DESC);
-- The retention purge deletes by age.
CREATE INDEX webhook_events_appended ON webhook_events (appended_at);
