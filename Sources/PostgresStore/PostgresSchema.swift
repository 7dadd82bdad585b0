import EventStore
import PostgresNIO

/// The database side of the store, in plain PostgreSQL 15: one table of events in one
/// global order, a server-side append function that takes the advisory lock, checks
/// the head the client decided against and the hash links, inserts and notifies; a
/// trigger that refuses to change or remove an event; and the roles that may write
/// (only through the function) or only read.
enum PostgresSchema {
    /// Bumped when the objects below change.
    static let version = "2"
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
        // Snapshots are shortcuts, not records: a writer saves one in chunks in one
        // transaction, and the two newest are kept.
        """
        CREATE TABLE gridwatch.snapshots (
          id bigserial PRIMARY KEY,
          last_seq bigint NOT NULL REFERENCES gridwatch.events (position),
          head bytea NOT NULL CHECK (length(head) = 32),
          size bigint NOT NULL CHECK (size > 0),
          chunks int NOT NULL CHECK (chunks > 0),
          made_at timestamptz NOT NULL DEFAULT now(),
          made_by text NOT NULL DEFAULT session_user
        )
        """,
        """
        CREATE TABLE gridwatch.snapshot_chunks (
          snapshot_id bigint NOT NULL REFERENCES gridwatch.snapshots (id) ON DELETE CASCADE,
          n int NOT NULL CHECK (n >= 0),
          bytes bytea NOT NULL,
          PRIMARY KEY (snapshot_id, n)
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
        """
        CREATE FUNCTION gridwatch.snapshot_begin(at_seq bigint, at_hash bytea, total bigint, parts int)
        RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = gridwatch, pg_temp AS $$
        DECLARE
          made bigint;
        BEGIN
          -- One snapshot writer at a time; the others skip (a snapshot is only a shortcut).
          IF NOT pg_try_advisory_xact_lock(hashtext('gridwatch.snapshots')) THEN RETURN 0; END IF;
          IF NOT EXISTS (SELECT FROM gridwatch.events e WHERE e.position = at_seq AND e.hash = at_hash) THEN
            RAISE EXCEPTION 'snapshot at % does not match the stream', at_seq USING ERRCODE = 'GW422';
          END IF;
          IF EXISTS (SELECT FROM gridwatch.snapshots s WHERE s.last_seq >= at_seq) THEN RETURN 0; END IF;
          INSERT INTO gridwatch.snapshots (last_seq, head, size, chunks) VALUES (at_seq, at_hash, total, parts) RETURNING id INTO made;
          DELETE FROM gridwatch.snapshots s WHERE s.id NOT IN (SELECT k.id FROM gridwatch.snapshots k ORDER BY k.last_seq DESC LIMIT 2);
          RETURN made;
        END $$
        """,
        """
        CREATE FUNCTION gridwatch.snapshot_chunk(snapshot bigint, part int, data bytea)
        RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = gridwatch, pg_temp AS $$
          INSERT INTO gridwatch.snapshot_chunks (snapshot_id, n, bytes) VALUES (snapshot, part, data);
        $$
        """,
        "ALTER TABLE gridwatch.events OWNER TO gridwatch_owner",
        "ALTER TABLE gridwatch.snapshots OWNER TO gridwatch_owner",
        "ALTER TABLE gridwatch.snapshot_chunks OWNER TO gridwatch_owner",
        "ALTER FUNCTION gridwatch.snapshot_begin(bigint, bytea, bigint, int) OWNER TO gridwatch_owner",
        "ALTER FUNCTION gridwatch.snapshot_chunk(bigint, int, bytea) OWNER TO gridwatch_owner",
        "ALTER TABLE gridwatch.heartbeat OWNER TO gridwatch_owner",
        "ALTER TABLE gridwatch.meta OWNER TO gridwatch_owner",
        "ALTER FUNCTION gridwatch.refuse_change() OWNER TO gridwatch_owner",
        "ALTER FUNCTION gridwatch.append(bigint, uuid[], bytea[], bytea[], bytea[]) OWNER TO gridwatch_owner",
        "ALTER FUNCTION gridwatch.beat() OWNER TO gridwatch_owner",
        "REVOKE ALL ON SCHEMA gridwatch FROM PUBLIC",
        "REVOKE ALL ON FUNCTION gridwatch.append(bigint, uuid[], bytea[], bytea[], bytea[]), gridwatch.beat(), gridwatch.snapshot_begin(bigint, bytea, bigint, int), gridwatch.snapshot_chunk(bigint, int, bytea), gridwatch.refuse_change() FROM PUBLIC",
        "GRANT USAGE ON SCHEMA gridwatch TO gridwatch_reader, gridwatch_writer",
        "GRANT SELECT ON gridwatch.events, gridwatch.heartbeat, gridwatch.meta, gridwatch.snapshots, gridwatch.snapshot_chunks TO gridwatch_reader, gridwatch_writer",
        "GRANT EXECUTE ON FUNCTION gridwatch.append(bigint, uuid[], bytea[], bytea[], bytea[]), gridwatch.beat(), gridwatch.snapshot_begin(bigint, bytea, bigint, int), gridwatch.snapshot_chunk(bigint, int, bytea) TO gridwatch_writer",
    ]

    /// Checks that `link` reaches a gridwatch schema of this version.
    static func check(_ link: PGLink) throws(StoreError) {
        let rows: [PostgresRow]
        do { rows = try link.query("SELECT value FROM gridwatch.meta WHERE key = 'schema'") } catch { throw error.storeError(link.location) }
        guard let v = try? rows.first?.decode(String.self), v == version else {
            throw .unavailable("\(link.location) holds a gridwatch schema of another version (this build uses \(version))")
        }
    }
}
