import EventStore
import Foundation
import NIOCore
import PostgresNIO

/// A new PostgreSQL store filled with records copied as they are (by `migrate`): the
/// schema and every record go in one transaction, through the same append function
/// that checks positions and links, so a failed copy leaves nothing.
public final class PostgresImport {
    private let link: PGLink
    private var head: UInt64 = 0
    private var open = true

    /// Begins the transaction and creates the schema; refuses a database that holds a
    /// gridwatch store.
    public init(location: PostgresLocation) throws(StoreError) {
        link = PGLink(location)
        do throws(PGFailure) {
            try link.query("BEGIN")
            for sql in PostgresSchema.create { try link.query(PostgresQuery(unsafeSQL: sql)) }
        } catch {
            abandon()
            if case .refused(let state, _) = error, state == "42P06" { throw .exists(path: location.description) }
            throw error.storeError(location)
        }
    }

    /// Appends envelopes (whose events follow the last appended) in pages.
    public func append(_ payloads: [[UInt8]]) throws(StoreError) {
        var start = 0
        while start < payloads.count {
            let page = Array(payloads[start..<min(start + PostgresStore.page, payloads.count)])
            var events: [StoredEvent] = []
            for p in page {
                do { events.append(try EnvelopeCodec.decode(p)) } catch {
                    abandon()
                    throw .corrupt("record \(head + UInt64(events.count) + 1) does not decode: \(error.description)")
                }
            }
            do { try link.append(after: head, events, payloads: page) } catch {
                abandon()
                throw error.storeError(link.location)
            }
            head += UInt64(page.count)
            start += page.count
        }
    }

    /// Commits: the store is there whole.
    public func finish() throws(StoreError) {
        guard open else { return }
        open = false
        do { try link.query("COMMIT") } catch { throw error.storeError(link.location) }
        link.drop()
    }

    /// Rolls everything back.
    public func abandon() {
        guard open else { return }
        open = false
        _ = try? link.query("ROLLBACK")
        link.drop()
    }
}
