import Foundation
import TestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Every refusal of `gridwatch serve` is a clear 4xx (or 503) with a JSON body naming
/// the problem, and nothing is written: wrong routes and methods, missing and foreign
/// keys, hostile bodies, limits, slow clients. And it stops cleanly on SIGTERM.
final class ServeHostileTests: CLITestCase {
    private let intake = "/open311/v2/requests.json"

    private func valid(_ key: String = ServeProcess.cityKey, unit: String = "210203004001001") -> [(String, String)] {
        [("api_key", key), ("service_code", "hazard.fire"), ("address_id", unit), ("description", "楼道堆物"), ("attribute[level]", "red")]
    }

    /// The error body: Open311's array, or /api/v1's object; its first description.
    private func why(_ r: HTTPClient.Reply) -> String {
        if let a = r.json as? [[String: Any]] { return a.first?["description"] as? String ?? "" }
        return ((r.json as? [String: Any])?["errors"] as? [[String: Any]])?.first?["description"] as? String ?? ""
    }

    private func assertRefused(_ r: HTTPClient.Reply, _ status: Int, _ words: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(r.status, status, r.text, file: file, line: line)
        XCTAssertTrue(why(r).contains(words), "'\(why(r))' should say '\(words)'", file: file, line: line)
        XCTAssertTrue(r.headers["content-type"]?.hasPrefix("application/json") == true, file: file, line: line)
    }

    private func eventCount() throws -> Int { try events().count }

    func testEveryRouteAnswersItsErrorsAsJSON() throws {
        try initTwoDistricts()
        let s = try startServe()
        let c = s.client
        let before = try eventCount()
        assertRefused(try c.get("/nowhere"), 404, "no such resource")
        assertRefused(try c.get("/open311/v2/services/nothing.json"), 404, "service_code 'nothing' was not found")
        let wrong = try c.request("DELETE", intake, body: nil)
        assertRefused(wrong, 405, "DELETE is not allowed")
        XCTAssertEqual(wrong.headers["allow"], "GET, POST")
        assertRefused(try c.post(intake, form(valid().filter { $0.0 != "api_key" })), 403, "an API key is required")
        assertRefused(try c.post(intake, form(valid("not-a-key"))), 403, "not valid")
        assertRefused(try c.post(intake, form(valid().filter { $0.0 != "service_code" })), 400, "service_code is required")
        assertRefused(try c.post(intake, form(valid().map { $0.0 == "service_code" ? ($0.0, "nope") : $0 })), 404, "was not found")
        assertRefused(try c.post(intake, form(valid().filter { $0.0 != "address_id" } + [("lat", "38.9")])), 400, "give address_id")
        assertRefused(try c.post(intake, form(valid(unit: "999999"))), 404, "address_id '999999' is not a unit code")
        assertRefused(try c.post(intake, form(valid() + [("attribute[extrnal_id]", "A1")])), 400, "unknown attribute 'attribute[extrnal_id]'")
        assertRefused(try c.post(intake, form(valid() + [("attribute[external_id]", "A1")]), headers: ["Idempotency-Key": "A2"]), 400, "differ")
        assertRefused(try c.post(intake, form(valid().filter { $0.0 != "api_key" }), headers: ["Authorization": ServeProcess.cityKey]), 403, "must be 'Bearer KEY'")
        assertRefused(try c.post(intake, form(valid().filter { $0.0 != "attribute[level]" })), 400, "attribute[level] is required")
        assertRefused(try c.post(intake, form(valid() + [("attribute[people]", "-3")])), 400, "attribute[people]")
        assertRefused(try c.get(intake + "?status=pending", headers: ServeProcess.bearer(ServeProcess.cityKey)), 400, "status must be open or closed")
        assertRefused(try c.get(intake + "?start_date=2026-01-01T00:00:00Z&end_date=2026-12-01T00:00:00Z", headers: ServeProcess.bearer(ServeProcess.cityKey)),
                      400, "more than 90 days")
        assertRefused(try c.get("/open311/v2/requests/GW999999.json", headers: ServeProcess.bearer(ServeProcess.cityKey)), 404, "was not found")
        assertRefused(try c.get("/api/v1/orders", headers: ServeProcess.bearer(ServeProcess.cityKey)), 403, "work orders are for agency keys")
        assertRefused(try c.get("/api/v1/orders/GW000001", headers: ServeProcess.bearer(ServeProcess.housingKey)), 404, "was not found")
        assertRefused(try c.get("/api/v1/events?since=x", headers: ServeProcess.bearer(ServeProcess.housingKey)), 400, "since must be")
        assertRefused(try c.get("/api/v1/events?since=999999", headers: ServeProcess.bearer(ServeProcess.housingKey)), 400, "is past the last event")
        let apiMiss = try c.get("/api/v1/nothing")
        XCTAssertNotNil((apiMiss.json as? [String: Any])?["errors"], "an unknown /api/ path answers in the API's shape: \(apiMiss.text)")
        XCTAssertEqual(try eventCount(), before, "no refusal above wrote anything")
        XCTAssertEqual(try c.get("/healthz").status, 200)
        XCTAssertEqual(try c.get("/readyz").status, 200)
        s.stop()
    }

    /// A key reporting outside its subtree gets 403, and the refusal is recorded.
    func testAKeyOutsideItsScopeIsRefusedAndRecorded() throws {
        try initTwoDistricts()
        let s = try startServe()
        let r = try s.client.post(intake, form(valid(ServeProcess.districtKey, unit: "210202001001")))
        XCTAssertEqual(r.status, 403, r.text)
        XCTAssertTrue(why(r).contains("outside the units you may report into"), why(r))
        let denied = try events().filter { $0["type"] as? String == "accessDenied" }
        XCTAssertEqual(denied.count, 1)
        XCTAssertEqual(denied.first?["actor"] as? String, "key:xigang-intake")
        XCTAssertEqual(try events().filter { $0["type"] as? String == "caseReported" }.count, 0)
        // An agency key may not report at all, and is told so.
        let agency = try s.client.post(intake, form(valid(ServeProcess.housingKey)))
        XCTAssertEqual(agency.status, 403)
        XCTAssertTrue(why(agency).contains("does not report"), why(agency))
        s.stop()
    }

    /// Hostile bodies: huge, lying about their length, the wrong type, invalid UTF-8,
    /// broken or deeply nested JSON. Each is refused naming the problem; none is recorded.
    /// Escape sequences in text are recorded as text and returned inert.
    func testHostileBodiesAreRefusedAndNothingIsWritten() throws {
        try initTwoDistricts()
        let s = try startServe()
        let c = s.client
        let before = try eventCount()
        let huge = form(valid()) + "&description=" + String(repeating: "x", count: 70_000)
        assertRefused(try c.post(intake, huge), 413, "limit")
        var declared = Array("POST \(intake) HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000000\r\nConnection: close\r\n\r\n".utf8)
        declared += Array("api_key=x".utf8)
        let lying = try c.raw(declared)
        XCTAssertEqual(lying.status, 413, lying.text)
        assertRefused(try c.post(intake, form(valid()), contentType: "text/plain"), 415, "application/x-www-form-urlencoded or application/json")
        let badUTF8 = Data(form(valid()).utf8) + Data("&attribute%5Btitle%5D=%FF%FE".utf8)
        var h = ["Content-Type": "application/x-www-form-urlencoded"]
        assertRefused(try c.request("POST", intake, headers: h, body: badUTF8), 400, "not valid UTF-8")
        h["Content-Type"] = "application/json"
        h["Authorization"] = "Bearer \(ServeProcess.cityKey)"
        assertRefused(try c.request("POST", intake, headers: h, body: Data([0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D])), 400, "not valid UTF-8")
        assertRefused(try c.request("POST", intake, headers: h, body: Data(#"{"service_code": "hazard.fire", "address_id": "2102"#.utf8)), 400, "not valid JSON")
        let nested = String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000)
        assertRefused(try c.request("POST", intake, headers: h, body: Data(#"{"description": \#(nested)}"#.utf8)), 400, "nests too deeply")
        assertRefused(try c.request("POST", intake, headers: h, body: Data(#"{"service_code": "hazard.fire", "lat": 1, "x": 2}"#.utf8)), 400, "unknown field 'x'")
        // A truncated request: the body stops short of its length and the client half-closes.
        let cut = Array("POST \(intake) HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 500\r\n\r\napi_key=\(ServeProcess.cityKey)&service_code=haz".utf8)
        _ = try? c.raw(cut, closeWriteAfter: true)
        XCTAssertEqual(try eventCount(), before, "no hostile body recorded anything")

        let escape = "\u{1B}]0;pwned\u{07}\u{1B}[2J楼道起火"
        let posted = try c.post(intake, form(valid().map { $0.0 == "description" ? ($0.0, escape) : $0 }))
        XCTAssertEqual(posted.status, 201, posted.text)
        let n = try XCTUnwrap((posted.json as? [[String: Any]])?.first?["service_request_id"] as? String)
        let shown = try c.get("/open311/v2/requests/\(n).json", headers: ServeProcess.bearer(ServeProcess.cityKey))
        XCTAssertFalse(shown.body.contains(0x1B), "no raw escape leaves the service")
        XCTAssertTrue(shown.text.contains("\\u001b]0;pwned\\u0007"), shown.text)
        XCTAssertEqual((shown.json as? [[String: Any]])?.first?["description"] as? String, escape, "the text itself is kept")
        XCTAssertEqual(try c.get("/healthz").status, 200, "still serving")
        s.stop()
    }

    /// Per-key rate limits, a stalled client cut off by the idle timeout.
    func testRateLimitsAndSlowClients() throws {
        try initTwoDistricts()
        let s = try startServe(["--rate-limit", "1", "--rate-burst", "3", "--idle-timeout", "1"])
        let statuses = try (0..<6).map { _ in try s.client.get(intake, headers: ServeProcess.bearer(ServeProcess.cityKey)) }
        XCTAssertEqual(statuses.prefix(3).map(\.status), [200, 200, 200])
        let limited = try XCTUnwrap(statuses.last)
        assertRefused(limited, 429, "too many requests from city-hotline")
        XCTAssertNotNil(limited.headers["retry-after"])
        // Another key has its own bucket.
        XCTAssertEqual(try s.client.get("/api/v1/orders", headers: ServeProcess.bearer(ServeProcess.housingKey)).status, 200)

        // A client that sends half a request and stalls is disconnected.
        let fd = try s.client.connect()
        defer { close(fd) }
        try s.client.send(fd, Array("GET /healthz HTTP/1.1\r\nHost: x\r\n".utf8))
        let start = Date()
        let rest = try? s.client.readToEnd(fd)
        XCTAssertNotNil(rest, "the server closed the connection rather than waiting for ever")
        XCTAssertLessThan(Date().timeIntervalSince(start), 10)
        XCTAssertEqual(try s.client.get("/healthz").status, 200)
        s.stop()
    }

    /// A client trickling a request a byte at a time resets the idle timeout with every
    /// byte; the request deadline cuts it off anyway. A long poll being answered is not cut.
    func testATricklingClientIsCutOffButALongPollIsNot() throws {
        try initTwoDistricts()
        let s = try startServe(["--request-timeout", "2", "--idle-timeout", "60", "--max-wait", "5"])
        let fd = try s.client.connect()
        defer { close(fd) }
        let request = Array("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: \(String(repeating: "a", count: 60))\r\n\r\n".utf8)
        let start = Date()
        var closedAfter: TimeInterval?
        for b in request {
            if Glibc.send(fd, [b], 1, Int32(MSG_NOSIGNAL)) <= 0 { closedAfter = Date().timeIntervalSince(start); break }
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&p, 1, 300) > 0 {
                var buf = [UInt8](repeating: 0, count: 512)
                if recv(fd, &buf, buf.count, 0) <= 0 { closedAfter = Date().timeIntervalSince(start); break }
            }
        }
        let cut = try XCTUnwrap(closedAfter, "the trickling client was never cut off")
        XCTAssertLessThan(cut, 5, "cut off within the 2 s deadline (and a little)")
        XCTAssertGreaterThan(cut, 1.5, "not before it")
        let began = Date()
        let poll = try s.client.get("/api/v1/events?since=0&wait=4", headers: ServeProcess.bearer(ServeProcess.housingKey))
        XCTAssertEqual(poll.status, 200, "a 4 s long poll outlives a 2 s request deadline")
        XCTAssertGreaterThan(Date().timeIntervalSince(began), 3.5)
        s.stop()
    }

    /// SIGTERM: the request in flight (a long poll) is answered, then the process exits 0.
    /// A Unix socket works as well as a port.
    func testStopsCleanlyOnSIGTERMAndListensOnAUnixSocket() throws {
        try initTwoDistricts()
        let sock = root + "/serve.sock"
        let s = try startServe(listen: "unix:\(sock)")
        XCTAssertEqual(try s.client.get("/healthz").status, 200)
        let reply = s.getInBackground("/api/v1/events?since=0&wait=25", key: ServeProcess.housingKey)
        usleep(500_000)
        let started = Date()
        s.child.signal(SIGTERM)
        XCTAssertEqual(reply(15)?.status, 200, "the poll in flight is answered")
        XCTAssertEqual(s.child.wait(), 0, s.log)
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
        XCTAssertTrue(s.log.contains("stopped"), s.log)
        let v = try Binary.run(["verify", "--store", store], env: ["GRIDWATCH_ACCESS": s.policy])
        XCTAssertEqual(v.status, 0, v.err)
    }

    /// Bad start-up arguments are one clear line and a non-zero exit.
    func testBadListenAndBusyPortAreRefusedAtStart() throws {
        try initTwoDistricts()
        let bad = try Binary.run(["serve", "--store", store, "--listen", "localhost"])
        XCTAssertEqual(bad.status, 64)
        XCTAssertTrue(bad.err.contains("is not ADDR:PORT"), bad.err)
        let s = try startServe()
        guard case .tcp(let port) = s.client.target else { return XCTFail("tcp expected") }
        let busy = try Binary.run(["serve", "--store", store, "--listen", "127.0.0.1:\(port)"], env: ["GRIDWATCH_ACCESS": s.policy])
        XCTAssertNotEqual(busy.status, 0)
        XCTAssertTrue(busy.err.contains("cannot serve on 127.0.0.1:\(port)"), busy.err)
        XCTAssertEqual(try s.client.get("/healthz").status, 200)
        let m = try s.client.get("/metrics")
        XCTAssertTrue(m.text.contains(#"gridwatch_http_requests_total{route="/healthz",method="GET",status="200"} 1"#), m.text)
        XCTAssertTrue(m.text.contains("gridwatch_store_head_seq"), m.text)
        s.stop()
    }
}
