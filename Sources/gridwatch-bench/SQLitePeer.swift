import CSQLite
import DispatchCore
import Foundation

/// The peer: SQLite through its C API, in WAL mode with `synchronous=FULL`, so a
/// committed transaction is as durable as an acknowledged gridwatch batch.
final class SQLitePeer {
    private var db: OpaquePointer?
    private let path: String

    init(path: String) throws {
        self.path = path
        guard sqlite3_open(path, &db) == SQLITE_OK else { throw BenchError("sqlite: cannot open \(path)") }
        try exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;")
    }

    deinit { sqlite3_close(db) }

    func exec(_ sql: String) throws {
        var err: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(db, sql, nil, nil, &err) == SQLITE_OK else {
            let message = err.map { String(cString: $0) } ?? "unknown"
            sqlite3_free(err)
            throw BenchError("sqlite: \(message) in \(sql.prefix(60))")
        }
    }

    /// The alerts table: the intake fields, with the external id unique as in gridwatch.
    static let alertsTable = """
        CREATE TABLE alerts (id INTEGER PRIMARY KEY, external_id TEXT UNIQUE, unit TEXT NOT NULL,
          category TEXT NOT NULL, level TEXT NOT NULL, source TEXT NOT NULL, title TEXT NOT NULL,
          detail TEXT NOT NULL, reporter TEXT NOT NULL, people INTEGER NOT NULL, reported_at INTEGER);
        """

    /// The events table for the raise and start-up comparisons.
    static let eventsTable = """
        CREATE TABLE events (seq INTEGER PRIMARY KEY, type TEXT NOT NULL, case_no TEXT, unit TEXT,
          level TEXT, at INTEGER NOT NULL, actor TEXT NOT NULL, body TEXT NOT NULL);
        """

    /// Parses JSON lines with the same intake parser and inserts them in one transaction.
    func ingest(lines: [[UInt8]]) throws -> Int {
        try exec("BEGIN")
        let stmt = try prepare("INSERT INTO alerts (external_id, unit, category, level, source, title, detail, reporter, people, reported_at) VALUES (?,?,?,?,?,?,?,?,?,?)")
        defer { sqlite3_finalize(stmt) }
        var n = 0
        for line in lines {
            guard let a = try? IntakeLine.parse(line[...]) else { continue }
            let texts = [a.externalId, a.location, a.category.rawValue, a.level.rawValue, a.source.rawValue, a.title, a.detail, a.reporter]
            for (i, t) in texts.enumerated() { bind(stmt, Int32(i + 1), t) }
            sqlite3_bind_int64(stmt, 9, Int64(a.people))
            if let at = a.reportedAt { sqlite3_bind_int64(stmt, 10, at.ms) } else { sqlite3_bind_null(stmt, 10) }
            try step(stmt)
            n += 1
        }
        try exec("COMMIT")
        return n
    }

    /// Fills the events table with `count` rows like the log's (one transaction).
    func fillEvents(_ rows: [(type: String, caseNo: String, unit: String, level: String, at: Int64, body: String)]) throws {
        try exec("BEGIN")
        let stmt = try prepare("INSERT INTO events (type, case_no, unit, level, at, actor, body) VALUES (?,?,?,?,?,?,?)")
        defer { sqlite3_finalize(stmt) }
        for r in rows {
            bind(stmt, 1, r.type); bind(stmt, 2, r.caseNo); bind(stmt, 3, r.unit); bind(stmt, 4, r.level)
            sqlite3_bind_int64(stmt, 5, r.at); bind(stmt, 6, "bench@host"); bind(stmt, 7, r.body)
            try step(stmt)
        }
        try exec("COMMIT")
    }

    private func prepare(_ sql: String) throws -> OpaquePointer? {
        var stmt: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &stmt, nil) == SQLITE_OK else { throw BenchError("sqlite: cannot prepare \(sql.prefix(60))") }
        return stmt
    }

    private func bind(_ stmt: OpaquePointer?, _ i: Int32, _ s: String) {
        // SQLITE_TRANSIENT: SQLite copies the text before the Swift string goes away.
        sqlite3_bind_text(stmt, i, s, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
    }

    private func step(_ stmt: OpaquePointer?) throws {
        guard sqlite3_step(stmt) == SQLITE_DONE else { throw BenchError("sqlite: \(String(cString: sqlite3_errmsg(db)))") }
        sqlite3_reset(stmt)
    }
}
