import DispatchCore
import EventStore
import Foundation
import GridwatchRuntime
import XCTest

/// The ingest run over any store: good lines in batches, every line reported in order.
final class IngestRunTests: XCTestCase {
    final class Recorder: IngestReporter {
        var lines: [String] = []
        var batches = 0
        func appended(line: Int, number: String) { lines.append("\(line) ok \(number)") }
        func duplicate(line: Int, reason: String) { lines.append("\(line) dup") }
        func rejected(line: Int, reason: String) { lines.append("\(line) bad \(reason)") }
        func batchWritten() { batches += 1 }
    }

    func testLinesAreReportedInInputOrderAcrossBatches() throws {
        let clock = ManualClock(RuntimeFixture.t0)
        let (_, store) = try RuntimeFixture.store(clock)
        let good = { (id: String) in #"{"unit":"210203004001001","category":"petition","level":"blue","title":"t","external_id":"\#(id)"}"# }
        let input = [good("a"), "{not json", good("b"), good("a"), #"{"unit":"999","category":"petition","level":"red","title":"x"}"#, "", good("c")]
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&fds), 0)
        let text = Array((input.joined(separator: "\n") + "\n").utf8)
        XCTAssertEqual(text.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }, text.count)
        close(fds[1])
        defer { close(fds[0]) }
        let rec = Recorder()
        var tally = IngestTally()
        try IngestRun(store: store, source: LineSource(fd: fds[0], maxLine: 1024), batchSize: 2, reporter: rec).run(&tally)
        XCTAssertEqual(rec.lines.map { String($0.prefix(8)) }, ["1 ok GW0", "2 bad ex", "3 ok GW0", "4 dup", "5 bad un", "7 ok GW0"])
        XCTAssertEqual(rec.lines[4], "5 bad unknown unit '999'")
        XCTAssertEqual([tally.appended, tally.duplicates, tally.rejected], [3, 1, 2])
        XCTAssertEqual(store.model.cases.map(\.externalId), ["a", "b", "c"])
        XCTAssertGreaterThanOrEqual(rec.batches, 2)
    }
}
