-- The registry of connections: one row per Adobe Flow Service connection the service made or updated, keyed by
-- the AEP connection id. Timestamps are timestamptz; ids from Adobe are kept as Adobe writes them.
CREATE TABLE connections (
  id text PRIMARY KEY,
  aep_org text NOT NULL,
  sandbox text NOT NULL,
  hub_id bigint NOT NULL,
  hub_domain text,
  -- NULL for the home-page flow: no partner.
  partner_id text,
  partner_user_id text,
  metadata jsonb,
  status text NOT NULL CHECK (status IN ('active', 'needs_reauth', 'error', 'deleted')),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  last_error text,
  last_checked_at timestamptz,
  -- The dataflow built on the connection, once there is one (deleted before it, in reverse order of creation).
  flow_id text,
  source_connection_id text,
  target_connection_id text,
  dataset_id text,
  schema_id text,
  schema_alt_id text,
  descriptor_id text,
  mapping_set_id text
);

-- A partner's list, newest first, paged by (created_at, id).
CREATE INDEX connections_partner_newest ON connections (partner_id, created_at DESC, id COLLATE "C" DESC);
-- The health watch picks the rows checked longest ago.
CREATE INDEX connections_last_checked ON connections (last_checked_at NULLS FIRST) WHERE status <> 'deleted';
