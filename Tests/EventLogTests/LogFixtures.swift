import EventLog
import Foundation
import XCTest

/// Real-file fixtures in a fresh temporary directory per test.
class LogTestCase: XCTestCase {
    var dir = ""
    var path: String { dir + "/events.log" }

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "gw-log-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try LogWriter.create(path: path)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    func payload(_ i: Int, size: Int = 40) -> [UInt8] { Array("record-\(i)-".utf8) + [UInt8](repeating: UInt8(i & 0xFF), count: size) }

    /// Appends batches through a writer that holds the lock for each.
    func append(_ batches: [[[UInt8]]]) throws {
        let w = try LogWriter(path: path)
        _ = try w.readAhead()
        for b in batches {
            try w.lock()
            _ = try w.catchUp()
            try w.append(b)
            w.unlock()
        }
    }

    func bytes() throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

    func write(_ b: [UInt8]) throws { try Data(b).write(to: URL(fileURLWithPath: path)) }
}
