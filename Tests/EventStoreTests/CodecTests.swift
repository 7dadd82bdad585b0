@testable import EventStore
import DispatchCore
import Foundation
import XCTest

/// Every event type survives the binary envelope unchanged.
final class CodecTests: XCTestCase {
    static let t = Instant(ms: 1_800_000_000_000)
    static let samples: [EventBody] = [
        .unitRegistered(Unit(code: "210203", name: "西岗区", tier: .county, parent: "210200")),
        .unitRegistered(Unit(code: "210200", name: "大连市", tier: .city, parent: nil)),
        .agencyRegistered(Agency(id: "housing", name: "住建", nameEn: "Housing", kind: .rotating)),
        .caseReported(CaseReport(number: "GW000001", category: .hazardFire, level: .orange, source: .walkIn,
                                 location: "210203004001001", title: "楼道堆物\u{1B}[2J", detail: "详情", reporter: "李某",
                                 people: 60, externalId: "ext-1", reportedAt: t, owner: "210203004001",
                                 acceptBy: t.adding(.minutes(30)), dueAt: t.adding(.days(3)))),
        .caseAccepted(case: "GW000001", note: "n"), .caseVoided(case: "GW000001", reason: "r"),
        .caseDispatched(case: "GW000001", lead: .agency("housing"), assisting: [.centre("210203"), .agency("police")], dueAt: t, note: "n"),
        .caseSigned(case: "GW000001", note: ""), .caseReturned(case: "GW000001", reason: "r"),
        .caseReassigned(case: "GW000001", lead: .centre("210203004"), assisting: [], dueAt: t, reason: "r"),
        .caseEscalated(case: "GW000001", to: "210203", reason: "r"), .caseSentDown(case: "GW000001", to: "210203004001", reason: "r"),
        .caseSupervised(case: "GW000001", level: .red, note: "n"), .deadlineExtended(case: "GW000001", dueAt: t, reason: "r"),
        .caseResolved(case: "GW000001", note: "n"), .caseClosed(case: "GW000001", note: "n"),
        .followUpRecorded(case: "GW000001", outcome: .basic, note: "n"), .caseReopened(case: "GW000001", dueAt: t, reason: "r"),
        .caseMerged(case: "GW000001", into: "GW000002", note: "n"), .caseNoted(case: "GW000001", note: "进展\u{1B}[2J"),
        .warningRaised(Warning(rule: .repeat, cases: ["GW000001", "GW000002", "GW000003"], unit: "210203004001",
                               episode: "repeat:李某:2026-11", note: "n")),
        .unitRenamed(code: "210203004001", name: "新民社区"), .unitRetired(code: "210203004001", reason: "并入邻社区"),
        .unitMoved(code: "210203004001", parent: "210203005"),
        .agencyRenamed(id: "housing", name: "住建局", nameEn: "Housing"), .agencyRetired(id: "housing", reason: "r"),
        .accessDenied(AccessDenial(name: "li.ming", uid: 1001, roles: "officer@210203004", action: "void", caseNumber: "GW000001",
                                   reason: "only a shift lead (值班长) may void a case")),
    ]

    func testEveryEventTypeRoundTrips() throws {
        XCTAssertEqual(Set(Self.samples.map(\.type)), Set(EventType.allCases), "a sample of every type")
        var prev = EnvelopeCodec.genesis
        for (i, body) in Self.samples.enumerated() {
            let e = Event(at: Self.t.adding(Duration(ms: Int64(i))), actor: "张三@centre", body: body)
            let id = UUID()
            let (payload, hash) = EnvelopeCodec.encode(seq: UInt64(i + 1), id: id, event: e, caseVersion: 7, prevHash: prev)
            let d = try EnvelopeCodec.decode(payload, checkHash: true)
            XCTAssertEqual(d.event, e)
            XCTAssertEqual(d.seq, UInt64(i + 1))
            XCTAssertEqual(d.id, id)
            XCTAssertEqual(d.caseVersion, 7)
            XCTAssertEqual(d.prevHash, prev)
            XCTAssertEqual(d.hash, hash)
            prev = hash
        }
    }

    func testTruncatedOrAlteredPayloadsAreRefused() throws {
        let e = Event(at: Self.t, actor: "a", body: Self.samples[3])
        let (payload, _) = EnvelopeCodec.encode(seq: 1, id: UUID(), event: e, caseVersion: 1, prevHash: EnvelopeCodec.genesis)
        for cut in stride(from: 0, to: payload.count, by: 7) {
            XCTAssertThrowsError(try EnvelopeCodec.decode(Array(payload[..<cut])), "cut at \(cut)")
        }
        var altered = payload
        altered[60] ^= 0x01
        XCTAssertThrowsError(try EnvelopeCodec.decode(altered, checkHash: true))
    }

    func testEventTypeNamesAreExactlyTheDesignedOnes() {
        XCTAssertEqual(EventType.allCases.map(\.rawValue), [
            "unitRegistered", "agencyRegistered", "caseReported", "caseAccepted", "caseVoided", "caseDispatched",
            "caseSigned", "caseReturned", "caseReassigned", "caseEscalated", "caseSentDown", "caseSupervised",
            "deadlineExtended", "caseResolved", "caseClosed", "followUpRecorded", "caseReopened", "caseMerged",
            "warningRaised", "unitRenamed", "unitRetired", "agencyRenamed", "agencyRetired", "accessDenied", "unitMoved",
            "caseNoted",
        ])
        XCTAssertEqual(EventType(code: EventType.caseMerged.code), .caseMerged)
    }
}

final class EventIDTests: XCTestCase {
    func testIdsAreVersion4AndDistinct() {
        let ids = (0..<1000).map { _ in EventID.random() }
        XCTAssertEqual(Set(ids).count, 1000)
        for id in ids.prefix(20) {
            let s = id.uuidString
            XCTAssertEqual(Array(s)[14], "4", s)
            XCTAssertTrue("89AB".contains(Array(s)[19]), s)
        }
    }
}
