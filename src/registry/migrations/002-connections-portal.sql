-- Completion looks up a portal's live connection before it writes at Adobe (one owner per org, sandbox and portal).
CREATE INDEX connections_portal ON connections (aep_org, sandbox, hub_id) WHERE status <> 'deleted';
