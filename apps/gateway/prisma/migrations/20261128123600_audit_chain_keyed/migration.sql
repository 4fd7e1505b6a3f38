-- From here on the trail is keyed (HMAC-SHA256 under AUDIT_CHAIN_KEY, which the database never
-- sees). The entries written before, chained with plain SHA-256, move unchanged to
-- audit_event_unkeyed, closed for good; the first keyed entry chains to their last hash, so the
-- key covers them too. Sequence numbers go on where they stopped.
CREATE TABLE audit_event_unkeyed (LIKE audit_event INCLUDING ALL);
ALTER TABLE audit_event_unkeyed ALTER COLUMN seq DROP DEFAULT;
INSERT INTO audit_event_unkeyed SELECT * FROM audit_event;

ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_truncate;
TRUNCATE audit_event;
ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_truncate;

CREATE FUNCTION audit_event_unkeyed_is_closed() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_event_unkeyed is closed';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_event_unkeyed_closed
  BEFORE INSERT OR UPDATE OR DELETE ON audit_event_unkeyed
  FOR EACH ROW EXECUTE FUNCTION audit_event_unkeyed_is_closed();

CREATE TRIGGER audit_event_unkeyed_no_truncate
  BEFORE TRUNCATE ON audit_event_unkeyed
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_unkeyed_is_closed();
