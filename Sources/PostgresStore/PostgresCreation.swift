import DispatchCore
import EventStore
import NIOCore
import PostgresNIO

extension PostgresStore {
    /// Creates the schema, the roles and the first batch (`commands`: units and
    /// agencies) in one transaction: all or nothing. Refuses a database that already
    /// holds a gridwatch store.
    public static func create(location: PostgresLocation, actor: String, commands: [Command], clock: DispatchClock = SystemClock(),
                              policy: Policy = .defaults) throws(StoreError) -> PostgresStore {
        var model = Model(policy: policy, now: clock.now())
        var batch = BatchBuilder(lastSeq: 0, head: EnvelopeCodec.genesis, actor: actor, now: clock.now())
        do throws(DomainError) { try batch.decide(commands, on: &model, rejected: nil) } catch { throw .domain(error) }
        let link = PGLink(location)
        do throws(PGFailure) {
            try link.query("BEGIN")
            for sql in PostgresSchema.create { try link.query(PostgresQuery(unsafeSQL: sql)) }
            if !batch.events.isEmpty { try link.append(after: 0, batch.events, payloads: batch.payloads) }
            try link.query("COMMIT")
        } catch {
            _ = try? link.query("ROLLBACK")
            if case .refused(let state, _) = error, state == "42P06" { throw .exists(path: location.description) }
            throw error.storeError(location)
        }
        link.drop()
        return try PostgresStore(location: location, actor: actor, clock: clock, policy: policy)
    }

    /// Whether the database at `location` holds a gridwatch store: one query, no catch-up.
    public static func exists(at location: PostgresLocation) -> Bool {
        let link = PGLink(location)
        defer { link.drop() }
        guard let rows = try? link.query("SELECT to_regclass('gridwatch.meta') IS NOT NULL"),
              let found = try? rows.first?.decode(Bool.self) else { return false }
        return found
    }
}
