import EventStore
import PostgresStore

extension StoreLocation {
    /// Events read straight from the store, with no model (for `events`).
    public func scan() throws(StoreError) -> any EventScan {
        switch self {
        case .directory(let d): return try EventScanner(paths: StorePaths(directory: d))
        case .postgres(let p): return try PostgresStream(location: p)
        case .memory: throw .unavailable("\(self) lives only in the process that made it")
        }
    }

    /// What `verify` found, and from where it checked: the whole store, or with `quick`
    /// the records after a snapshot that matches it (`note` says when there was none).
    public struct Verification {
        public var report: VerifyReport
        public var start: VerifyStart
        public var note: String?
        /// What a record's place is called: "byte offset" or "position".
        public var placeName: String
    }

    /// Checks the store's records: framing (for a log file), sequence, hashes and links;
    /// with `anchor`, that the hash is in the chain.
    public func verify(anchor: String?, quick: Bool) throws(StoreError) -> Verification {
        var start = VerifyStart.beginning, note: String?
        let source: any RawEventSource
        switch self {
        case .directory(let d):
            let paths = StorePaths(directory: d)
            if quick {
                let (after, problem) = VerifyStart.afterSnapshot(paths)
                if let after { start = after } else { note = problem ?? "no snapshot" }
            }
            source = try LogRecordSource(path: paths.log, from: start.offset)
        case .postgres(let p):
            let stream = try PostgresStream(location: p)
            if quick {
                if let after = try stream.snapshotStart() { start = after } else { note = "no snapshot" }
            }
            stream.resume(after: start.seq)
            source = stream
        case .memory:
            throw .unavailable("\(self) lives only in the process that made it")
        }
        let report = try LogVerifier.verify(source, anchor: anchor, from: start)
        return Verification(report: report, start: start, note: note, placeName: source.placeName)
    }
}
