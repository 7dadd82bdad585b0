import EventStore
import PostgresStore

/// `gridwatch migrate`: copies a store's events byte for byte into a new store of
/// another kind (a file store into PostgreSQL, or back), checking the chain as it
/// reads, then verifies the copy and compares heads. The source is only read; a
/// failed copy leaves nothing at the destination.
public enum StoreMigration {
    /// What was copied.
    public struct Report: Sendable {
        public var records: Int
        public var lastSeq: UInt64
        public var head: String
    }

    /// Copies `from` into a new store at `to`, then leaves a snapshot there (under
    /// `options`' policy) so the first console does not replay the whole stream.
    public static func migrate(from: StoreLocation, to: StoreLocation, _ options: StoreLocation.Options = .init()) throws(StoreError) -> Report {
        guard from != to else { throw .unavailable("--from and --to name the same store") }
        let source = try records(of: from)
        let sink = try Sink(to)
        var chain = ChainCheck()
        do throws(StoreError) {
            while true {
                let page = try source.nextRecords()
                if page.isEmpty { break }
                for r in page where !chain.accept(r) {
                    throw .corrupt("\(from): \(chain.report.problem?.describe(place: source.placeName) ?? "damaged"); run gridwatch verify there; nothing was copied")
                }
                try sink.append(page.map(\.payload))
            }
            try sink.finish()
        } catch {
            sink.abandon()
            throw error
        }
        let copy = try to.verify(anchor: nil, quick: false)
        if let problem = copy.report.problem { throw .corrupt("\(to): the copy does not verify: \(problem.describe(place: copy.placeName))") }
        guard copy.report.head == chain.report.head, copy.report.lastSeq == chain.report.lastSeq else {
            throw .corrupt("\(to): the copy ends at \(copy.report.lastSeq) \(copy.report.head), the source at \(chain.report.lastSeq) \(chain.report.head)")
        }
        if chain.report.records > 0 {
            let store = try to.open(actor: "migrate", options)
            store.close(snapshotAfter: 1)
        }
        return Report(records: chain.report.records, lastSeq: chain.report.lastSeq, head: chain.report.head)
    }

    private static func records(of l: StoreLocation) throws(StoreError) -> any RawEventSource {
        switch l {
        case .directory(let d): return try LogRecordSource(path: StorePaths(directory: d).log)
        case .postgres(let p): return try PostgresStream(location: p)
        case .memory: throw .unavailable("\(l) lives only in the process that made it")
        }
    }

    /// The new store being filled.
    private enum Sink {
        case file(LogImport)
        case postgres(PostgresImport)

        init(_ l: StoreLocation) throws(StoreError) {
            switch l {
            case .directory(let d): self = .file(try LogImport(paths: StorePaths(directory: d)))
            case .postgres(let p): self = .postgres(try PostgresImport(location: p))
            case .memory: throw .unavailable("\(l) lives only in the process that made it")
            }
        }

        func append(_ payloads: [[UInt8]]) throws(StoreError) {
            switch self {
            case .file(let f): try f.append(payloads)
            case .postgres(let p): try p.append(payloads)
            }
        }

        func finish() throws(StoreError) {
            switch self {
            case .file(let f): f.finish()
            case .postgres(let p): try p.finish()
            }
        }

        func abandon() {
            switch self {
            case .file(let f): f.abandon()
            case .postgres(let p): p.abandon()
            }
        }
    }
}
