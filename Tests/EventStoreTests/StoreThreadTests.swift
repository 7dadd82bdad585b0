import DispatchCore
import EventStore
import Foundation
import XCTest

/// Asynchronous callers reach a blocking store through its own thread, one call at a time.
final class StoreThreadTests: XCTestCase {
    func testCallsRunInOrderOffTheCallersThreadAndErrorsArriveTyped() async throws {
        let clock = ManualClock(Instant(ms: 1_800_000_000_000))
        let store = try MemoryStore.create(actor: "serve", commands: StoreTestCase.units, clock: clock, name: "thread")
        let thread = StoreThread(store)
        let numbers = try await withThrowingTaskGroup(of: String.self) { group in
            for i in 0..<20 {
                group.addTask {
                    try await thread.run { s throws(StoreError) in
                        let made = try s.execute(.report(NewCase(category: .petition, level: .blue, location: "210203004001", title: "t\(i)")))
                        return made.first?.event.body.caseNumber ?? ""
                    }
                }
            }
            var out: [String] = []
            for try await n in group { out.append(n) }
            return out
        }
        XCTAssertEqual(Set(numbers).count, 20, "each call ran whole, none interleaved")
        do {
            _ = try await thread.run { s throws(StoreError) in try s.execute(.act(.accept(note: ""), on: "GW999999", expectedVersion: nil)) }
            XCTFail("refused")
        } catch {
            XCTAssertEqual(error, .domain(.unknownCase("GW999999")))
        }
    }
}
