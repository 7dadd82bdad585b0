import DispatchCore
import EventStore

/// The Open311 service list: one service per case category, and the attributes a
/// request of any of them carries (GeoReport v2, `services.json` and `services/{code}.json`).
enum Open311Catalog {
    /// The kinds of request a citizen makes (诉求类型): recorded with the request's detail.
    static let requestTypes: [(key: String, zh: String, en: String)] = [
        ("consult", "咨询", "enquiry"), ("help", "求助", "request for help"), ("complaint", "投诉", "complaint"),
        ("suggestion", "建议", "suggestion"), ("report", "举报", "report of wrongdoing"),
    ]

    /// `GET services.json`.
    static func list() -> String {
        "[" + Category.allCases.map { c in
            JSONText.object([
                ("service_code", JSONText.quote(c.rawValue)),
                ("service_name", JSONText.quote("\(c.zh) \(c.en)")),
                ("description", JSONText.quote("\(c.zh) (\(c.en)): reported into a grid or village, accepted and dispatched by its governance centre")),
                ("metadata", "true"), ("type", JSONText.quote("realtime")),
                ("keywords", JSONText.quote("\(c.zh),\(c.en.lowercased())")),
                ("group", JSONText.quote(group(c))),
            ])
        }.joined(separator: ",") + "]"
    }

    /// `GET services/{code}.json`, or nil for an unknown code.
    static func definition(_ code: String) -> String? {
        guard let c = Category(rawValue: code) else { return nil }
        let levels = RiskLevel.allCases.map { l in value(l.rawValue, "\(l.zh) \(l.rawValue)") }
        let types = requestTypes.map { value($0.key, "\($0.zh) \($0.en)") }
        let attributes = [
            attribute(1, "level", "singlevaluelist", required: true, "风险等级 Risk level: it sets the time limits", values: levels),
            attribute(2, "title", "string", required: false, "标题 A short title (up to \(FieldLimits.title) characters); default: the description's first line"),
            attribute(3, "people", "number", required: false, "涉及人数 How many people are involved (0-\(FieldLimits.people))"),
            attribute(4, "request_type", "singlevaluelist", required: false, "诉求类型 What the citizen asks for", values: types),
            attribute(5, "external_id", "string", required: false, "The sending platform's id (up to \(Open311Intake.externalIdLimit) characters): a repeated id records nothing new"),
        ]
        return JSONText.object([
            ("service_code", JSONText.quote(c.rawValue)),
            ("attributes", "[" + attributes.joined(separator: ",") + "]"),
        ])
    }

    private static func group(_ c: Category) -> String {
        let code = c.rawValue
        return code.split(separator: ".").first.map(String.init) ?? code
    }

    private static func value(_ key: String, _ name: String) -> String {
        JSONText.object([("key", JSONText.quote(key)), ("name", JSONText.quote(name))])
    }

    private static func attribute(_ order: Int, _ code: String, _ type: String, required: Bool, _ description: String, values: [String] = []) -> String {
        var pairs = [
            ("variable", "true"), ("code", JSONText.quote(code)), ("datatype", JSONText.quote(type)),
            ("required", required ? "true" : "false"), ("datatype_description", JSONText.quote(type == "number" ? "a whole number" : "")),
            ("order", String(order)), ("description", JSONText.quote(description)),
        ]
        if !values.isEmpty { pairs.append(("values", "[" + values.joined(separator: ",") + "]")) }
        return JSONText.object(pairs)
    }
}
