/// The database side of the store, in plain PostgreSQL 15: one table of events in one
/// global order, a server-side append function that takes the advisory lock, checks
/// the head the client decided against and the hash links, inserts and notifies; a
/// trigger that refuses to change or remove an event; and the roles that may write
/// (only through the function) or only read.
enum PostgresSchema {
    /// Bumped when the objects below change.
    static let version = "1"
    /// The channel `append` notifies; a notification only wakes readers.
    static let channel = "gridwatch_events"

    /// Statements for `gridwatch init`, run in one transaction.
    static let create: [String] = [
        """
        DO $$ BEGIN
          IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gridwatch_owner') THEN CREATE ROLE gridwatch_owner NOLOGIN; END IF;
          IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gridwatch_writer') THEN CREATE ROLE gridwatch_writer NOLOGIN; END IF;
          IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gridwatch_reader') THEN CREATE ROLE gridwatch_reader NOLOGIN; END IF;
        END $$
        """,
        "CREATE SCHEMA gridwatch AUTHORIZATION gridwatch_owner",
        """
        CREATE TABLE gridwatch.events (
          position bigint PRIMARY KEY CHECK (position > 0),
          event_id uuid NOT NULL UNIQUE,
          prev_hash bytea NOT NULL CHECK (length(prev_hash) = 32),
          hash bytea NOT NULL CHECK (length(hash) = 32),
          envelope bytea NOT NULL,
          stored_at timestamptz NOT NULL DEFAULT now()
        )
        """,
        "CREATE TABLE gridwatch.heartbeat (id int PRIMARY KEY CHECK (id = 1), at timestamptz NOT NULL)",
        "CREATE TABLE gridwatch.meta (key text PRIMARY KEY, value text NOT NULL)",
        "INSERT INTO gridwatch.meta VALUES ('schema', '\(version)')",
        """
        CREATE FUNCTION gridwatch.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'gridwatch events are append-only: % refused', TG_OP USING ERRCODE = 'GW403';
        END $$
        """,
        "CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON gridwatch.events FOR EACH ROW EXECUTE FUNCTION gridwatch.refuse_change()",
        "CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON gridwatch.events FOR EACH STATEMENT EXECUTE FUNCTION gridwatch.refuse_change()",
        """
        CREATE FUNCTION gridwatch.append(expected_head bigint, ids uuid[], prevs bytea[], hashes bytea[], envelopes bytea[])
        RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = gridwatch, pg_temp AS $$
        DECLARE
          head bigint;
          head_hash bytea;
          n int := coalesce(array_length(envelopes, 1), 0);
        BEGIN
          IF n = 0 OR coalesce(array_length(ids, 1), 0) <> n OR coalesce(array_length(prevs, 1), 0) <> n
             OR coalesce(array_length(hashes, 1), 0) <> n THEN
            RAISE EXCEPTION 'append: the batch''s arrays differ in length' USING ERRCODE = 'GW400';
          END IF;
          -- Positions are given while this lock is held, so commit order is position order.
          PERFORM pg_advisory_xact_lock(hashtext('gridwatch.events'));
          -- A new statement: it sees every batch committed before the lock was granted.
          SELECT e.position, e.hash INTO head, head_hash FROM gridwatch.events e ORDER BY e.position DESC LIMIT 1;
          head := coalesce(head, 0);
          head_hash := coalesce(head_hash, decode(repeat('00', 32), 'hex'));
          IF head <> expected_head THEN
            RAISE EXCEPTION 'the stream is at %, not %', head, expected_head USING ERRCODE = 'GW409';
          END IF;
          FOR i IN 1..n LOOP
            IF prevs[i] <> (CASE WHEN i = 1 THEN head_hash ELSE hashes[i - 1] END) THEN
              RAISE EXCEPTION 'event % does not link to the one before it', head + i USING ERRCODE = 'GW422';
            END IF;
          END LOOP;
          INSERT INTO gridwatch.events (position, event_id, prev_hash, hash, envelope)
            SELECT head + i, ids[i], prevs[i], hashes[i], envelopes[i] FROM generate_series(1, n) AS i;
          PERFORM pg_notify('\(channel)', (head + n)::text);
          RETURN head + n;
        END $$
        """,
        """
        CREATE FUNCTION gridwatch.beat() RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = gridwatch, pg_temp AS $$
          INSERT INTO gridwatch.heartbeat (id, at) VALUES (1, now()) ON CONFLICT (id) DO UPDATE SET at = now();
        $$
        """,
        "ALTER TABLE gridwatch.events OWNER TO gridwatch_owner",
        "ALTER TABLE gridwatch.heartbeat OWNER TO gridwatch_owner",
        "ALTER TABLE gridwatch.meta OWNER TO gridwatch_owner",
        "ALTER FUNCTION gridwatch.refuse_change() OWNER TO gridwatch_owner",
        "ALTER FUNCTION gridwatch.append(bigint, uuid[], bytea[], bytea[], bytea[]) OWNER TO gridwatch_owner",
        "ALTER FUNCTION gridwatch.beat() OWNER TO gridwatch_owner",
        "REVOKE ALL ON SCHEMA gridwatch FROM PUBLIC",
        "REVOKE ALL ON FUNCTION gridwatch.append(bigint, uuid[], bytea[], bytea[], bytea[]), gridwatch.beat() FROM PUBLIC",
        "GRANT USAGE ON SCHEMA gridwatch TO gridwatch_reader, gridwatch_writer",
        "GRANT SELECT ON gridwatch.events, gridwatch.heartbeat, gridwatch.meta TO gridwatch_reader, gridwatch_writer",
        "GRANT EXECUTE ON FUNCTION gridwatch.append(bigint, uuid[], bytea[], bytea[], bytea[]), gridwatch.beat() TO gridwatch_writer",
    ]
}
