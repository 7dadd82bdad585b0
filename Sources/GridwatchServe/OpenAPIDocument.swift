/// The committed OpenAPI 3.1 document (Sources/GridwatchServe/openapi.json), served at
/// `/openapi.json` so a client and schemathesis read the same text the tests check.
enum OpenAPIDocument {
    static let text = String(decoding: PackageResources.openapi_json, as: UTF8.self)
}
