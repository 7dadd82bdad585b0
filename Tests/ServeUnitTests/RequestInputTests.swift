import Config
import DispatchCore
import Foundation
@testable import GridwatchServe
import XCTest

/// The service's parsing and small parts, without a server: forms, JSON bodies, listen
/// addresses, versions, keys, the rate limiter, the routes and the OpenAPI document.
final class RequestInputTests: XCTestCase {
    func testFormsDecodePercentEscapesAndPlusAndRefuseBrokenOnes() throws {
        let f = try RequestFields.form(Array("a=1&attribute%5Blevel%5D=red&d=%E6%A5%BC+%E9%81%93&empty=&a=2".utf8))
        XCTAssertEqual(f["a"], "1")
        XCTAssertEqual(f.attribute("level"), "red")
        XCTAssertEqual(f["d"], "楼 道")
        XCTAssertNil(f["empty"], "an empty value is an absent one, as Open311 says")
        XCTAssertEqual(f.all("a"), ["1", "2"])
        XCTAssertThrowsError(try RequestFields.form(Array("a=%E6%A5".utf8))) { XCTAssertEqual(($0 as? ServeError)?.status, .badRequest) }
        XCTAssertThrowsError(try RequestFields.form(Array("a=%ZZ".utf8))) { XCTAssertTrue("\(($0 as? ServeError)?.description ?? "")".contains("percent escape")) }
        XCTAssertThrowsError(try RequestFields.form(Array("a=%FF".utf8))) { XCTAssertTrue("\(($0 as? ServeError)?.description ?? "")".contains("UTF-8")) }
    }

    func testJSONBodiesAreFlatWithAttributesAndDeepNestingNeverReachesTheParser() throws {
        let f = try RequestFields.json(Array(#"{"service_code":"service","attribute":{"level":"red","people":3}}"#.utf8))
        XCTAssertEqual(f["service_code"], "service")
        XCTAssertEqual(f.attribute("people"), "3")
        XCTAssertEqual(RequestFields.nesting(Array(#"{"a":"[[[[", "b":[[1]]}"#.utf8)), 3, "brackets in strings do not count")
        let deep = Array((String(repeating: "[", count: 1_000_000) + String(repeating: "]", count: 1_000_000)).utf8)
        XCTAssertThrowsError(try RequestFields.json(deep)) { XCTAssertTrue("\(($0 as? ServeError)?.description ?? "")".contains("nests too deeply")) }
        let shape = RequestFields.Shape(fields: ["note"], attributes: [])
        XCTAssertThrowsError(try RequestFields.json(Array(#"{"note":"x","other":1}"#.utf8), shape: shape))
        XCTAssertEqual(try RequestFields.json(Array(#"{"note":"x","other":[1]}"#.utf8))["note"], "x", "without a shape, other fields are skipped")
        XCTAssertThrowsError(try RequestFields.json(Array(#"[1,2]"#.utf8)))
        XCTAssertThrowsError(try RequestFields.json(Array(#"{"note": {"a": 1}}"#.utf8), shape: RequestFields.Shape(fields: ["note"], attributes: [])))
    }

    func testListenAddresses() {
        XCTAssertEqual(try ListenAddress.parse("127.0.0.1:8311").get(), .tcp(host: "127.0.0.1", port: 8311))
        XCTAssertEqual(try ListenAddress.parse("[::1]:0").get(), .tcp(host: "::1", port: 0))
        XCTAssertEqual(try ListenAddress.parse("unix:/run/gw.sock").get(), .unix(path: "/run/gw.sock"))
        XCTAssertEqual(ListenAddress.tcp(host: "::1", port: 80).description, "[::1]:80")
        for bad in ["localhost", ":80", "1.2.3.4:70000", "unix:", "x:y"] {
            XCTAssertThrowsError(try ListenAddress.parse(bad).get(), bad)
        }
    }

    func testIfMatchVersions() {
        XCTAssertEqual(Orders.version("\"3\""), 3)
        XCTAssertEqual(Orders.version("W/\"12\""), 12)
        XCTAssertEqual(Orders.version("7"), 7)
        XCTAssertNil(Orders.version("\"three\""))
        XCTAssertNil(Orders.version("-1"))
        XCTAssertNil(Orders.version("*"))
    }

    func testKeysAreFoundByTheirHashOnly() throws {
        let text = "[[key]]\nname = \"housing-platform\"\nsha256 = \"\(CallerTable.hash("s3cret"))\"\nrole = \"agency\"\nagency = \"housing\"\n"
        let policy = try AccessPolicyFile.parse(text, file: "a.toml")
        let t = CallerTable(policy: policy, uid: 1001)
        XCTAssertEqual(CallerTable.hash("test"), "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
        XCTAssertEqual(t.caller(presenting: "s3cret")?.principal.actor, "key:housing-platform (uid 1001)")
        XCTAssertEqual(t.caller(presenting: "s3cret")?.principal.agencies, ["housing"])
        XCTAssertNil(t.caller(presenting: "S3cret"))
        XCTAssertNil(t.caller(presenting: ""))
    }

    func testTheRateLimiterRefillsAtItsRate() {
        let r = RateLimiter(perSecond: 2, burst: 3)
        XCTAssertEqual((0..<3).map { _ in r.take("a", now: 100) }, [nil, nil, nil])
        XCTAssertEqual(r.take("a", now: 100), 1, "the fourth at once waits")
        XCTAssertNil(r.take("b", now: 100), "each caller has its own bucket")
        XCTAssertNil(r.take("a", now: 100.5), "half a second refills one")
        XCTAssertNotNil(r.take("a", now: 100.5))
        XCTAssertNil(RateLimiter(perSecond: 0, burst: 1).take("a"), "0 is no limit")
    }

    func testRoutesMatchAndTheOpenAPIDocumentDescribesEveryOne() throws {
        XCTAssertEqual(ServeRoute.match("/open311/v2/services/dispute.labour.json"), .service("dispute.labour"))
        XCTAssertEqual(ServeRoute.match("/open311/v2/requests/GW000001.json"), .request("GW000001"))
        XCTAssertEqual(ServeRoute.match("/api/v1/orders/GW000001/sign"), .orderChange("GW000001", .sign))
        XCTAssertNil(ServeRoute.match("/api/v1/orders/GW000001/void"))
        XCTAssertEqual(ServeRoute.match("/api/v1/orders/42"), .order("GW000042"), "42 is GW000042, as on the command line")
        XCTAssertNil(ServeRoute.match("/open311/v2/requests/.json"))
        XCTAssertNil(ServeRoute.match("/"))

        let doc = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(OpenAPIDocument.text.utf8)) as? [String: Any])
        XCTAssertEqual(doc["openapi"] as? String, "3.1.0")
        let paths = try XCTUnwrap(doc["paths"] as? [String: [String: Any]])
        let routes: [ServeRoute] = [.healthz, .readyz, .metrics, .openapi, .services, .service("x"), .requests, .request("x"),
                                    .orders, .order("x"), .events] + Orders.Change.allCases.map { .orderChange("x", $0) }
        var documented = Set<String>()
        for route in routes {
            let path = route.label.replacingOccurrences(of: "{code}", with: "{service_code}").replacingOccurrences(of: "{id}", with: "{service_request_id}")
            let ops = try XCTUnwrap(paths[path], "\(path) is documented")
            XCTAssertEqual(Set(ops.keys), Set(route.methods.map { $0.rawValue.lowercased() }), path)
            documented.insert(path)
        }
        XCTAssertEqual(documented, Set(paths.keys), "nothing documented that the service does not answer")
    }
}
