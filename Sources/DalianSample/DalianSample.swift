import DispatchCore
import SwiftCSV

/// The built-in Dalian demo hierarchy: the city, its ten county-level units and 152
/// towns (real codes), with communities, villages and grid cells generated below them
/// by the statistical scheme (town code + 001-199 for communities, 200-399 for
/// villages; village code + 3 digits for grids), plus the county "5+N+X" agencies.
public enum DalianSample {
    /// Units in registration order (parents before children).
    public static func units() throws -> [Unit] {
        var out: [Unit] = []
        let counties = try CSV<Named>(string: dalianCountiesCSV)
        for row in counties.rows {
            guard let code = row["code"], let name = row["name"] else { continue }
            let parent = row["parent"].flatMap { $0.isEmpty ? nil : $0 }
            out.append(Unit(code: code, name: name, tier: parent == nil ? .city : .county, parent: parent))
        }
        let towns = try CSV<Named>(string: dalianTownsCSV)
        for row in towns.rows {
            guard let code = row["code"], let name = row["name"], let county = row["county_code"] else { continue }
            out.append(Unit(code: code, name: name, tier: .town, parent: county))
            out += villages(of: code, townName: name)
        }
        return out
    }

    /// Generated communities or villages of a town, each with its grid cells.
    static func villages(of town: String, townName: String) -> [Unit] {
        let seed = town.unicodeScalars.reduce(7) { ($0 &* 31 &+ Int($1.value)) & 0x7FFF_FFFF }
        let isStreet = townName.hasSuffix("街道")
        let count = 2 + seed % 3
        var out: [Unit] = []
        for k in 0..<count {
            let number = isStreet ? k + 1 : 200 + k + 1
            let code = town + pad3(number)
            let name = landmarks[code] ?? villageName(seed: seed, k: k, street: isStreet)
            out.append(Unit(code: code, name: name, tier: .village, parent: town))
            for g in 0..<(2 + (seed / 7 + k) % 3) {
                out.append(Unit(code: code + pad3(g + 1), name: "第\(numerals[g])网格", tier: .grid, parent: code))
            }
        }
        return out
    }

    private static func villageName(seed: Int, k: Int, street: Bool) -> String {
        let pool = street ? communityStems : villageStems
        return pool[(seed / 3 + k * 7) % pool.count] + (street ? "社区" : "村")
    }

    private static func pad3(_ n: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, 3 - s.count)) + s
    }

    private static let numerals = ["一", "二", "三", "四", "五", "六"]

    /// Places named in the source article, kept at fixed codes so the demo can tell their stories.
    public static let landmarks: [String: String] = [
        "210203004001": "民乐社区",       // 西岗区 日新街道: "秋红断官司" mediation station
        "210212012001": "盐厂新村社区",   // 旅顺口区 龙头街道: "巧嫂评理说事"
        "210211008001": "润洋社区",       // 甘井子区 中华路街道: court "reverse import"
        "210283102201": "徐岭村",         // 庄河市 徐岭镇: greenhouse land-lease dispute
    ]

    private static let communityStems = [
        "兴华", "春柳", "友好", "光明", "和平", "幸福", "长青", "新华", "建设", "胜利", "东山", "西山",
        "南山", "北岗", "海湾", "文化", "绿城", "锦绣", "华乐", "阳光", "滨海", "金华", "福佳", "星海",
    ]

    private static let villageStems = [
        "王家", "李家", "张家", "刘家", "大房身", "小营", "前进", "后山", "石河", "杨树", "黄旗", "三台",
        "双塔", "河口", "新立", "东岗", "南沟", "北屯", "四道", "松树", "夹河", "老虎山", "大魏家", "马家",
    ]

    /// The agencies a county centre dispatches to: five integrated centres, resident
    /// units (N) and rotating units (X).
    public static let agencies: [Agency] = [
        Agency(id: "mediation-centre", name: "矛盾纠纷调处中心", nameEn: "Dispute mediation centre", kind: .integrated),
        Agency(id: "litigation-service", name: "诉讼服务中心", nameEn: "Litigation service centre", kind: .integrated),
        Agency(id: "legal-service", name: "公共法律服务中心", nameEn: "Public legal service centre", kind: .integrated),
        Agency(id: "visitor-reception", name: "人民来访接待中心", nameEn: "Visitor reception centre", kind: .integrated),
        Agency(id: "psych-service", name: "社会心理服务中心", nameEn: "Psychological service centre", kind: .integrated),
        Agency(id: "court", name: "法院", nameEn: "Court", kind: .resident),
        Agency(id: "procuratorate", name: "检察院", nameEn: "Procuratorate", kind: .resident),
        Agency(id: "police", name: "公安", nameEn: "Police", kind: .resident),
        Agency(id: "petitions", name: "信访", nameEn: "Petitions bureau", kind: .resident),
        Agency(id: "civil-affairs", name: "民政", nameEn: "Civil affairs", kind: .rotating),
        Agency(id: "housing", name: "住建", nameEn: "Housing and construction", kind: .rotating),
        Agency(id: "womens-federation", name: "妇联", nameEn: "Women's federation", kind: .rotating),
        Agency(id: "mediation", name: "人民调解委员会", nameEn: "People's mediation committee", kind: .rotating),
        Agency(id: "hr-social-security", name: "人社", nameEn: "HR and social security", kind: .rotating),
        Agency(id: "trade-union", name: "总工会", nameEn: "Trade union", kind: .rotating),
        Agency(id: "natural-resources", name: "自然资源", nameEn: "Natural resources", kind: .rotating),
        Agency(id: "agriculture", name: "农业农村", nameEn: "Agriculture and rural affairs", kind: .rotating),
        Agency(id: "health", name: "卫健", nameEn: "Health", kind: .rotating),
        Agency(id: "justice", name: "司法局", nameEn: "Justice bureau", kind: .rotating),
        Agency(id: "market-regulation", name: "市场监管", nameEn: "Market regulation", kind: .rotating),
        Agency(id: "emergency", name: "应急管理", nameEn: "Emergency management", kind: .rotating),
        Agency(id: "education", name: "教育", nameEn: "Education", kind: .rotating),
    ]

    /// The commands that register the whole sample.
    public static func commands() throws -> [Command] {
        try units().map(Command.registerUnit) + agencies.map(Command.registerAgency)
    }
}
