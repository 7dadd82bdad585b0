import Foundation
import TestSupport
import XCTest

/// `gridwatch serve` over the PostgreSQL store: the same loop, and two services (as on
/// two hosts) sharing one stream, each seeing what the other recorded within a second.
final class ServePostgresTests: CLITestCase {
    private var database = ""
    override var store: String { "postgres:///\(database)" }

    override func setUpWithError() throws {
        try super.setUpWithError()
        database = try PGServer.freshDatabase()
    }

    func testTwoServicesShareOneStreamAndADepartmentWorksAnOrder() throws {
        try initTwoDistricts()
        let a = try startServe(), b = try startServe()
        let posted = try a.client.post("/open311/v2/requests.json", form([
            ("api_key", ServeProcess.cityKey), ("service_code", "hazard.building"), ("address_id", "210202001001"),
            ("description", "外墙瓷砖脱落"), ("attribute[level]", "orange"), ("attribute[external_id]", "pg-1"),
        ]))
        XCTAssertEqual(posted.status, 201, posted.text)
        let n = try XCTUnwrap((posted.json as? [[String: Any]])?.first?["service_request_id"] as? String)

        // The other service answers for it within a second, and a retry through it records nothing new.
        let deadline = Date().addingTimeInterval(1.5)
        var seen = 0
        while Date() < deadline, seen != 200 {
            seen = try b.client.get("/open311/v2/requests/\(n).json", headers: ServeProcess.bearer(ServeProcess.cityKey)).status
            if seen != 200 { usleep(50_000) }
        }
        XCTAssertEqual(seen, 200, "b sees a's request within 1.5 s")
        let retry = try b.client.post("/open311/v2/requests.json", form([
            ("api_key", ServeProcess.cityKey), ("service_code", "hazard.building"), ("address_id", "210202001001"),
            ("description", "外墙瓷砖脱落"), ("attribute[level]", "orange"), ("attribute[external_id]", "pg-1"),
        ]))
        XCTAssertEqual(retry.status, 200, retry.text)

        XCTAssertEqual(try gwServe(a, ["case", "accept", n]).status, 0)
        XCTAssertEqual(try gwServe(a, ["case", "dispatch", n, "--to", "agency:housing"]).status, 0)
        var h = ServeProcess.bearer(ServeProcess.housingKey)
        var order = try b.client.get("/api/v1/orders/\(n)", headers: h)
        for _ in 0..<20 where order.status != 200 { usleep(100_000); order = try b.client.get("/api/v1/orders/\(n)", headers: h) }
        h["If-Match"] = try XCTUnwrap(order.headers["etag"], order.text)
        let signed = try b.client.post("/api/v1/orders/\(n)/sign", "", headers: h)
        XCTAssertEqual(signed.status, 200, signed.text)
        // A stale version through the other service is refused with the order as it stands.
        let stale = try a.client.post("/api/v1/orders/\(n)/resolve", "note=x", headers: h)
        XCTAssertEqual(stale.status, 412, stale.text)
        h["If-Match"] = try XCTUnwrap(signed.headers["etag"])
        XCTAssertEqual(try a.client.post("/api/v1/orders/\(n)/resolve", "note=已修复", headers: h).status, 200)
        XCTAssertEqual(try gwServe(a, ["case", "close", n]).status, 0)
        usleep(300_000)
        let closed = try b.client.get("/open311/v2/requests.json?service_request_id=\(n)", headers: ServeProcess.bearer(ServeProcess.cityKey))
        XCTAssertEqual((closed.json as? [[String: Any]])?.first?["status"] as? String, "closed", closed.text)
        XCTAssertEqual(a.stop(), 0, a.log)
        XCTAssertEqual(b.stop(), 0, b.log)
        let v = try Binary.run(["verify", "--store", store], env: ["GRIDWATCH_ACCESS": a.policy])
        XCTAssertEqual(v.status, 0, v.err)
    }
}
