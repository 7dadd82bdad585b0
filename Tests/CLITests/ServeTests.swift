import Foundation
import TestSupport
import XCTest

/// `gridwatch serve` through a real HTTP client against a real server process: the
/// department's whole loop, retries, version conflicts, the event feed.
final class ServeTests: CLITestCase {
    private let intake = "/open311/v2/requests.json"

    private func report(_ s: ServeProcess, key: String = ServeProcess.cityKey, unit: String = "210203004001001",
                        externalId: String? = nil, headers: [String: String] = [:]) throws -> HTTPClient.Reply {
        try Self.report(s, key: key, unit: unit, externalId: externalId, headers: headers)
    }

    private static func report(_ s: ServeProcess, key: String = ServeProcess.cityKey, unit: String = "210203004001001",
                        externalId: String? = nil, headers: [String: String] = [:]) throws -> HTTPClient.Reply {
        var pairs = [("api_key", key), ("service_code", "dispute.labour"), ("address_id", unit),
                     ("description", "工资拖欠三个月\n涉及十二名工人"), ("attribute[level]", "orange"), ("attribute[people]", "12"),
                     ("attribute[request_type]", "complaint"), ("first_name", "王"), ("phone", "13800000000")]
        if let externalId { pairs.append(("attribute[external_id]", externalId)) }
        return try s.client.post("/open311/v2/requests.json", form(pairs), headers: headers)
    }

    private func number(_ r: HTTPClient.Reply) -> String? { Self.number(r) }

    private static func number(_ r: HTTPClient.Reply) -> String? {
        ((r.json as? [[String: Any]])?.first?["service_request_id"]) as? String
    }

    /// The acceptance loop: a department POSTs a request, sees it dispatched to its
    /// agency, signs and resolves it over HTTP, the officer closes it, and Open311 shows it closed.
    func testADepartmentsWholeLoopOverHTTP() throws {
        try initTwoDistricts()
        let s = try startServe()
        let posted = try report(s)
        XCTAssertEqual(posted.status, 201, posted.text)
        let n = try XCTUnwrap(number(posted), posted.text)

        let shown = try s.client.get("/open311/v2/requests/\(n).json", headers: ServeProcess.bearer(ServeProcess.cityKey))
        let request = try XCTUnwrap((shown.json as? [[String: Any]])?.first, shown.text)
        XCTAssertEqual(request["status"] as? String, "open")
        XCTAssertEqual(request["address_id"] as? String, "210203004001001")
        XCTAssertEqual(request["description"] as? String, "【投诉】工资拖欠三个月\n涉及十二名工人")
        XCTAssertEqual(request["address"] as? String, "大连市 / 西岗区 / 日新街道 / 民乐社区 / 第一网格")

        // Nothing is dispatched to housing yet.
        let none = try s.client.get("/api/v1/orders", headers: ServeProcess.bearer(ServeProcess.housingKey))
        XCTAssertEqual((none.json as? [String: Any])?["total"] as? Int, 0, none.text)

        XCTAssertEqual(try gwServe(s, ["case", "accept", n]).status, 0)
        let d = try gwServe(s, ["case", "dispatch", n, "--to", "agency:housing", "--assist", "agency:police"])
        XCTAssertEqual(d.status, 0, d.err)

        let orders = try s.client.get("/api/v1/orders?state=dispatched", headers: ServeProcess.bearer(ServeProcess.housingKey))
        let list = try XCTUnwrap((orders.json as? [String: Any])?["orders"] as? [[String: Any]], orders.text)
        XCTAssertEqual(list.map { $0["number"] as? String }, [n])
        XCTAssertEqual(list.first?["role"] as? String, "lead")
        let assisting = try s.client.get("/api/v1/orders", headers: ServeProcess.bearer(ServeProcess.policeKey))
        XCTAssertEqual(((assisting.json as? [String: Any])?["orders"] as? [[String: Any]])?.first?["role"] as? String, "assisting")

        let one = try s.client.get("/api/v1/orders/\(n)", headers: ServeProcess.bearer(ServeProcess.housingKey))
        let etag = try XCTUnwrap(one.headers["etag"], "an order read carries its version")
        var h = ServeProcess.bearer(ServeProcess.housingKey)
        h["If-Match"] = etag
        let signed = try s.client.post("/api/v1/orders/\(n)/sign", "", headers: h)
        XCTAssertEqual(signed.status, 200, signed.text)
        XCTAssertEqual((signed.json as? [String: Any])?["state"] as? String, "in-progress")
        // The assisting department may say where it stands, not sign or resolve.
        var p = ServeProcess.bearer(ServeProcess.policeKey)
        p["If-Match"] = try XCTUnwrap(signed.headers["etag"])
        let noted = try s.client.post("/api/v1/orders/\(n)/note", #"{"note":"已走访企业"}"#, contentType: "application/json", headers: p)
        XCTAssertEqual(noted.status, 200, noted.text)
        p["If-Match"] = try XCTUnwrap(noted.headers["etag"])
        let refused = try s.client.post("/api/v1/orders/\(n)/resolve", "note=x", headers: p)
        XCTAssertEqual(refused.status, 403, refused.text)

        h["If-Match"] = try XCTUnwrap(noted.headers["etag"])
        let resolved = try s.client.post("/api/v1/orders/\(n)/resolve", form([("note", "工资已全额发放")]), headers: h)
        XCTAssertEqual(resolved.status, 200, resolved.text)
        XCTAssertEqual(try gwServe(s, ["case", "close", n]).status, 0)

        let closed = try s.client.get("/open311/v2/requests/\(n).json?api_key=\(ServeProcess.cityKey)")
        XCTAssertEqual((closed.json as? [[String: Any]])?.first?["status"] as? String, "closed", closed.text)

        // The record names the keys that acted, and the accessDenied the police key met.
        let all = try Binary.run(["events", "--json", "--store", store], env: ["GRIDWATCH_ACCESS": s.policy]).out
        let types = all.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let signedEvent = try XCTUnwrap(types.first { $0["type"] as? String == "caseSigned" })
        XCTAssertEqual(signedEvent["actor"] as? String, "key:housing-platform")
        XCTAssertEqual(types.first { $0["type"] as? String == "caseNoted" }?["actor"] as? String, "key:police-platform")
        XCTAssertEqual(types.first { $0["type"] as? String == "caseReported" }?["actor"] as? String, "key:city-hotline")
        XCTAssertTrue(types.contains { $0["type"] as? String == "accessDenied" && ($0["reason"] as? String ?? "").contains("not dispatched to agency police") }, all)
        XCTAssertEqual(s.stop(), 0, s.log)
    }

    /// A retried POST answers the first case and records nothing new, by external id
    /// or by Idempotency-Key; two platforms' equal ids do not collide.
    func testRetriedPostsRecordNothingNew() throws {
        try initTwoDistricts()
        let s = try startServe()
        let first = try report(s, externalId: "HL-2026-001")
        XCTAssertEqual(first.status, 201, first.text)
        let again = try report(s, externalId: "HL-2026-001")
        XCTAssertEqual(again.status, 200, again.text)
        XCTAssertEqual(again.headers["idempotent-replayed"], "true")
        XCTAssertEqual(number(again), number(first))

        let k1 = try report(s, headers: ["Idempotency-Key": "retry-7"])
        let k2 = try report(s, headers: ["Idempotency-Key": "retry-7"])
        XCTAssertEqual(k1.status, 201)
        XCTAssertEqual(k2.status, 200)
        XCTAssertEqual(number(k1), number(k2))

        // The district's key uses the same id: its own request, not the city's.
        let other = try report(s, key: ServeProcess.districtKey, externalId: "HL-2026-001")
        XCTAssertEqual(other.status, 201, other.text)
        XCTAssertNotEqual(number(other), number(first))

        // Eight clients retrying one request at once record it once.
        let numbers = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            if let r = try? Self.report(s, externalId: "burst-1"), let n = Self.number(r) { numbers.mutate { $0.append(n) } }
        }
        XCTAssertEqual(numbers.value.count, 8)
        XCTAssertEqual(Set(numbers.value).count, 1, "\(numbers.value)")
        let reported = try events().filter { $0["type"] as? String == "caseReported" }
        XCTAssertEqual(reported.count, 4, "four requests, however many tries")
        s.stop()
    }

    /// Two clients change one order from the same version: exactly one wins, the other
    /// gets 412 and the order as it now stands, never a silent overwrite.
    func testTwoClientsChangingOneVersionGetOneWinAndOne412() throws {
        try initTwoDistricts()
        let s = try startServe()
        let n = try XCTUnwrap(number(try report(s)))
        XCTAssertEqual(try gwServe(s, ["case", "accept", n]).status, 0)
        XCTAssertEqual(try gwServe(s, ["case", "dispatch", n, "--to", "agency:housing"]).status, 0)
        let etag = try XCTUnwrap(try s.client.get("/api/v1/orders/\(n)", headers: ServeProcess.bearer(ServeProcess.housingKey)).headers["etag"])
        var h = ServeProcess.bearer(ServeProcess.housingKey)
        h["If-Match"] = etag
        let replies = Locked<[HTTPClient.Reply]>([])
        let headers = h
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let path = "/api/v1/orders/\(n)/" + (i == 0 ? "sign" : "return")
            let body = i == 0 ? form([("note", "已签收")]) : form([("reason", "不属本部门职责")])
            if let r = try? s.client.post(path, body, headers: headers) { replies.mutate { $0.append(r) } }
        }
        let statuses = replies.value.map(\.status).sorted()
        XCTAssertEqual(statuses, [200, 412], replies.value.map(\.text).joined(separator: "\n"))
        let lost = try XCTUnwrap(replies.value.first { $0.status == 412 })
        let current = try XCTUnwrap((lost.json as? [String: Any])?["order"] as? [String: Any], lost.text)
        XCTAssertEqual(current["version"] as? Int, Int(etag.trimmingCharacters(in: CharacterSet(charactersIn: "\""))).map { $0 + 1 })
        // Missing and malformed versions are refused before anything is decided.
        var bare = ServeProcess.bearer(ServeProcess.housingKey)
        XCTAssertEqual(try s.client.post("/api/v1/orders/\(n)/note", "note=x", headers: bare).status, 428)
        bare["If-Match"] = "\"three\""
        XCTAssertEqual(try s.client.post("/api/v1/orders/\(n)/note", "note=x", headers: bare).status, 400)
        s.stop()
    }

    /// A long poll answers as soon as a new event the caller may see is appended, with
    /// where to go on from; with nothing new it waits out `wait` and answers empty.
    func testTheEventFeedLongPollsAndWakesOnANewEvent() throws {
        try initTwoDistricts()
        let s = try startServe()
        let first = try s.client.get("/api/v1/events?since=0", headers: ServeProcess.bearer(ServeProcess.districtKey))
        XCTAssertEqual(first.status, 200)
        XCTAssertEqual(first.text, "", "no case yet: units are nobody's events")
        let next = try XCTUnwrap(first.headers["gridwatch-next-since"])

        let started = Date()
        let empty = try s.client.get("/api/v1/events?since=\(next)&wait=1", headers: ServeProcess.bearer(ServeProcess.districtKey))
        XCTAssertEqual(empty.text, "")
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.9)

        let got = s.getInBackground("/api/v1/events?since=\(next)&wait=20", key: ServeProcess.districtKey)
        usleep(500_000)
        let raisedAt = Date()
        // Raised in the other district first: the district's key does not see it, and the poll waits on.
        XCTAssertEqual(try gwServe(s, ["raise", "--unit", "210202001001", "--category", "service", "--level", "blue", "--title", "路灯不亮"]).status, 0)
        XCTAssertEqual(try gwServe(s, ["raise", "--unit", "210203004001001", "--category", "service", "--level", "blue", "--title", "井盖缺失"]).status, 0)
        let reply = try XCTUnwrap(got(20), "the poll answered")
        XCTAssertLessThan(Date().timeIntervalSince(raisedAt), 3, "the poll wakes within a second or so of the append")
        let lines = reply.text.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, "only the district's case: \(lines)")
        XCTAssertTrue(lines.first?.contains("井盖缺失") == true)
        s.stop()
    }

    /// The acceptance loop with a real console: a request posted over HTTP shows on the
    /// console within a second; the officer accepts and dispatches it to housing from the
    /// keyboard; the department signs and resolves it over HTTP; the console shows it to
    /// verify, the officer closes it with `c`, and Open311 says closed.
    func testAConsoleDispatchesWhatHTTPReportedAndClosesWhatTheDepartmentResolved() throws {
        try initTwoDistricts()
        let s = try startServe()
        let tmux = try Tmux("\(Binary.url.path) --store \(store) --lang en", width: 120, height: 30, env: ["GRIDWATCH_ACCESS": s.policy])
        XCTAssertTrue(tmux.wait(for: 15) { $0.contains("Alerts 0") }.ok, tmux.screen())
        let posted = try s.client.post(intake, form([("api_key", ServeProcess.cityKey), ("service_code", "hazard.fire"),
                                                       ("address_id", "210203004001001"), ("description", "楼道堆放杂物"),
                                                       ("attribute[level]", "red")]))
        let at = Date()
        XCTAssertEqual(posted.status, 201, posted.text)
        let n = try XCTUnwrap(number(posted))
        let seen = tmux.wait(for: 5) { $0.contains("楼道堆放杂物") }
        XCTAssertTrue(seen.ok, seen.screen)
        XCTAssertLessThan(Date().timeIntervalSince(at), 1.5, "on screen within about a second")

        tmux.send("a")
        XCTAssertTrue(tmux.wait(for: 3) { $0.contains("\(n) accepted") }.ok, tmux.screen())
        tmux.send("d")
        XCTAssertTrue(tmux.wait(for: 3) { $0.contains("dispatch \(n)") }.ok, tmux.screen())
        tmux.send("housing", literal: true)
        XCTAssertTrue(tmux.wait(for: 3) { $0.contains("Housing") }.ok, tmux.screen())
        tmux.send("Enter")
        XCTAssertTrue(tmux.wait(for: 3) { $0.contains("→ Housing") }.ok, tmux.screen())
        tmux.send("Enter")
        XCTAssertTrue(tmux.wait(for: 3) { $0.contains("Dispatch 1") }.ok, tmux.screen())

        var h = ServeProcess.bearer(ServeProcess.housingKey)
        h["If-Match"] = try XCTUnwrap(try s.client.get("/api/v1/orders/\(n)", headers: h).headers["etag"], "the order reached housing")
        let signed = try s.client.post("/api/v1/orders/\(n)/sign", "", headers: h)
        XCTAssertEqual(signed.status, 200, signed.text)
        h["If-Match"] = try XCTUnwrap(signed.headers["etag"])
        XCTAssertEqual(try s.client.post("/api/v1/orders/\(n)/resolve", "note=已清理", headers: h).status, 200)
        XCTAssertTrue(tmux.wait(for: 3) { $0.contains("verify") }.ok, "the console shows it to verify\n\(tmux.screen())")

        tmux.send("Tab")
        XCTAssertTrue(tmux.wait(for: 2) { $0.contains("c close") }.ok, tmux.screen())
        tmux.send("c")
        usleep(300_000)
        tmux.send("y")
        XCTAssertTrue(tmux.wait(for: 3) { $0.contains("\(n) closed") }.ok, tmux.screen())
        let closed = try s.client.get("/open311/v2/requests/\(n).json", headers: ServeProcess.bearer(ServeProcess.cityKey))
        XCTAssertEqual((closed.json as? [[String: Any]])?.first?["status"] as? String, "closed", closed.text)
        let closer = try events().last { $0["type"] as? String == "caseClosed" }
        XCTAssertEqual(closer?["actor"] as? String, TestPolicy.userName, "closed by the officer at the console")
        s.stop()
    }
}

/// A value several threads of one test share.
final class Locked<T>: @unchecked Sendable {
    private var v: T
    private let lock = NSLock()
    init(_ v: T) { self.v = v }
    var value: T { lock.withLock { v } }
    func mutate(_ f: (inout T) -> Void) { lock.withLock { f(&v) } }
}
