import DispatchCore
import EventLog
import EventStore
import Foundation
import XCTest

/// A replay without a snapshot decodes each chunk of the log on a second core while it
/// applies the chunk before: the model must be the one built live, and a bad record
/// must still be named by its offset.
final class ReplayChunkTests: StoreTestCase {
    func testAReplayAcrossManyChunksBuildsTheLiveModel() throws {
        let s = try makeStore()
        // About 40 bytes of title each: 24,000 alerts make a log of several read chunks.
        for batch in 0..<24 {
            let alerts = (0..<1_000).map { alert("批次\(batch) 第\($0)条 " + String(repeating: "长标题", count: 8)) }
            _ = try s.execute(alerts, rejected: nil)
        }
        for n in stride(from: 1, through: 20_000, by: 7) {
            _ = try s.execute(.act(.accept(note: ""), on: CaseRecord.number(forOrdinal: n), expectedVersion: nil))
        }
        let live = s.model, head = s.headHash, last = s.lastSeq
        s.close(snapshotAfter: .max)
        try? FileManager.default.removeItem(atPath: paths.snapshot)
        XCTAssertGreaterThan(try logBytes().count, 6 << 20, "the log must span several replay chunks")

        let reopened = try FileStore(paths: paths, actor: "tester@host", clock: clock, policy: quiet)
        defer { reopened.close(snapshotAfter: .max) }
        XCTAssertEqual(reopened.headHash, head)
        XCTAssertEqual(reopened.lastSeq, last)
        XCTAssertEqual(reopened.model.cases.count, live.cases.count)
        XCTAssertEqual(reopened.model.cases.map(\.state), live.cases.map(\.state))
        for code in ["210200", "210203004001001"] {
            XCTAssertEqual(reopened.model.counts(for: code), live.counts(for: code), code)
            for kind in QueueKind.allCases { XCTAssertEqual(reopened.model.queue(kind, under: code), live.queue(kind, under: code)) }
            XCTAssertEqual(reopened.model.overdueCases(under: code), live.overdueCases(under: code), code)
        }
        // A replay from the start builds the projections once at the end: the deadlines
        // it keeps must fall due as the live model's do.
        var later = reopened.model, liveLater = live
        for days in [1, 3, 8, 20] {
            let t = clock.now().adding(.days(Int64(days)))
            later.advance(to: t)
            liveLater.advance(to: t)
            XCTAssertEqual(later.counts(for: "210200"), liveLater.counts(for: "210200"), "after \(days) days")
            XCTAssertEqual(later.overdueCases(under: "210200"), liveLater.overdueCases(under: "210200"), "after \(days) days")
        }
        XCTAssertGreaterThan(later.counts(for: "210200")?.overdue ?? 0, 0, "the check must cover overdue cases")
    }

    func testAnUndecodableRecordIsNamedByItsOffset() throws {
        let s = try makeStore()
        for i in 0..<5 { _ = try s.execute(alert("t\(i)")) }
        s.close(snapshotAfter: .max)
        try? FileManager.default.removeItem(atPath: paths.snapshot)
        var b = try logBytes()
        let offsets = LogScanner.scan(Array(b[LogFormat.headerSize...]), base: 16).records.map(\.offset)
        let target = offsets[Self.units.count + 2]
        let payloadStart = Int(target) + LogFormat.recordHeaderSize
        let len = Int(b[Int(target) + 4]) | Int(b[Int(target) + 5]) << 8
        // An envelope version nobody wrote, framed with a sound CRC: only decoding finds it.
        var payload = Array(b[payloadStart..<(payloadStart + len)])
        payload[0] = 0xEE
        var reframed: [UInt8] = []
        LogFormat.frame(payload, commit: true, into: &reframed)
        b.replaceSubrange(Int(target)..<(payloadStart + len), with: reframed)
        try Data(b).write(to: URL(fileURLWithPath: paths.log))

        XCTAssertThrowsError(try FileStore(paths: paths, actor: "tester@host", clock: clock, policy: quiet)) { error in
            guard case .badRecord(let offset, let reason)? = error as? StoreError else { return XCTFail("\(error)") }
            XCTAssertEqual(offset, target)
            XCTAssertTrue(reason.contains("envelope version"), reason)
        }
    }
}
