/// A code with a stable machine name and labels in Chinese and English.
public protocol CodedValue: CaseIterable, Hashable, Sendable, RawRepresentable where RawValue == String {
    /// The Chinese label, e.g. 劳资纠纷.
    var zh: String { get }
    /// The English label.
    var en: String { get }
}

extension CodedValue {
    /// Looks a value up by its code, e.g. `dispute.labour`.
    public static func parse(_ code: String) -> Self? { Self(rawValue: code) }
    /// All codes, comma-separated, for error messages.
    public static var codeList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// The five tiers of governance, from the city down to the grid cell.
public enum Tier: String, CodedValue, Comparable {
    case city, county, town, village, grid

    /// 0 for the city, 4 for a grid cell.
    public var depth: Int {
        switch self {
        case .city: 0
        case .county: 1
        case .town: 2
        case .village: 3
        case .grid: 4
        }
    }

    /// The tier directly above, or nil for the city.
    public var parent: Tier? { Tier.allCases.first { $0.depth == depth - 1 } }

    public var zh: String { ["市", "县区", "乡镇街道", "村社区", "网格"][depth] }
    public var en: String { ["City", "County", "Town", "Village", "Grid"][depth] }
    public static func < (a: Tier, b: Tier) -> Bool { a.depth < b.depth }
}

/// Risk level; red is the highest.
public enum RiskLevel: String, CodedValue, Comparable {
    case red, orange, yellow, blue

    /// 3 for red down to 0 for blue, so that `max` finds the most serious.
    public var severity: Int {
        switch self {
        case .red: 3
        case .orange: 2
        case .yellow: 1
        case .blue: 0
        }
    }

    public var zh: String { ["蓝色", "黄色", "橙色", "红色"][severity] }
    public var en: String { ["Blue", "Yellow", "Orange", "Red"][severity] }
    public static func < (a: RiskLevel, b: RiskLevel) -> Bool { a.severity < b.severity }
}

/// Two-level case category.
public enum Category: String, CodedValue {
    case disputeLabour = "dispute.labour"
    case disputeProperty = "dispute.property"
    case disputeLand = "dispute.land"
    case disputeContract = "dispute.contract"
    case disputeFamily = "dispute.family"
    case disputeNeighbour = "dispute.neighbour"
    case disputeOther = "dispute.other"
    case petition
    case hazardSafety = "hazard.safety"
    case hazardFire = "hazard.fire"
    case hazardBuilding = "hazard.building"
    case hazardOther = "hazard.other"
    case service

    public var zh: String {
        switch self {
        case .disputeLabour: "劳资纠纷"
        case .disputeProperty: "物业纠纷"
        case .disputeLand: "土地承包纠纷"
        case .disputeContract: "合同纠纷"
        case .disputeFamily: "婚姻家庭纠纷"
        case .disputeNeighbour: "邻里纠纷"
        case .disputeOther: "其他纠纷"
        case .petition: "信访"
        case .hazardSafety: "公共安全隐患"
        case .hazardFire: "消防隐患"
        case .hazardBuilding: "房屋安全隐患"
        case .hazardOther: "其他隐患"
        case .service: "民生服务"
        }
    }

    public var en: String {
        switch self {
        case .disputeLabour: "Labour dispute"
        case .disputeProperty: "Property dispute"
        case .disputeLand: "Land contract dispute"
        case .disputeContract: "Contract dispute"
        case .disputeFamily: "Family dispute"
        case .disputeNeighbour: "Neighbour dispute"
        case .disputeOther: "Other dispute"
        case .petition: "Petition"
        case .hazardSafety: "Public safety hazard"
        case .hazardFire: "Fire hazard"
        case .hazardBuilding: "Building hazard"
        case .hazardOther: "Other hazard"
        case .service: "Public service"
        }
    }
}

/// Where an alert came from.
public enum Source: String, CodedValue {
    case patrol, hotline, walkIn = "walk-in", platform, court, warning, superior

    public var zh: String {
        switch self {
        case .patrol: "网格巡查"
        case .hotline: "12345热线"
        case .walkIn: "来访"
        case .platform: "部门平台"
        case .court: "法院移送"
        case .warning: "预警"
        case .superior: "上级交办"
        }
    }

    public var en: String {
        switch self {
        case .patrol: "Grid patrol"
        case .hotline: "Hotline"
        case .walkIn: "Walk-in"
        case .platform: "Department platform"
        case .court: "Court referral"
        case .warning: "Early warning"
        case .superior: "Superior assignment"
        }
    }
}

/// The outcome of a follow-up visit.
public enum VisitOutcome: String, CodedValue {
    case satisfied, basic, unsatisfied
    public var zh: String { self == .satisfied ? "满意" : self == .basic ? "基本满意" : "不满意" }
    public var en: String { self == .satisfied ? "Satisfied" : self == .basic ? "Basically satisfied" : "Unsatisfied" }
}

/// Supervision (督办) level of a case.
public enum SupervisionLevel: String, CodedValue, Comparable {
    case none, normal, yellow, red

    /// Ordering: none < normal < yellow < red.
    public var rank: Int { ["none": 0, "normal": 1, "yellow": 2, "red": 3][rawValue] ?? 0 }
    public var zh: String { ["无", "督办", "黄牌", "红牌"][rank] }
    public var en: String { ["None", "Supervised", "Yellow card", "Red card"][rank] }
    public static func < (a: SupervisionLevel, b: SupervisionLevel) -> Bool { a.rank < b.rank }
}

/// Early-warning rules.
public enum WarningRule: String, CodedValue {
    case `repeat`, hotspot, crowd, overdue
    public var zh: String { ["repeat": "重复信访", "hotspot": "热点聚集", "crowd": "群体性", "overdue": "严重超期"][rawValue] ?? rawValue }
    public var en: String { ["repeat": "Repeat", "hotspot": "Hotspot", "crowd": "Crowd", "overdue": "Overdue"][rawValue] ?? rawValue }
}

/// The kind of an agency in the county "5+N+X" pattern.
public enum AgencyKind: String, CodedValue {
    case integrated, resident, rotating
    public var zh: String { self == .integrated ? "综合服务中心" : self == .resident ? "常驻单位" : "轮驻单位" }
    public var en: String { self == .integrated ? "Integrated centre" : self == .resident ? "Resident unit" : "Rotating unit" }
}
