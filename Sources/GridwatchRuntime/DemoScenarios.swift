import DispatchCore

/// What the demo raises: the categories and stories of the governance centres, with
/// the places named in the reference article kept at their real codes.
enum DemoScenarios {
    struct Template {
        var category: Category
        var titles: [String]
        var detail: String
        /// Who usually handles it.
        var agency: String
    }

    static let templates: [Template] = [
        Template(category: .disputeLabour, titles: ["工地停工讨薪，{n}名工人聚集", "企业拖欠{n}名员工工资", "外包工人工伤赔偿争议"],
                 detail: "工人反映已停工两个月，工资未结清。", agency: "hr-social-security"),
        Template(category: .disputeProperty, titles: ["业主拒缴物业费", "小区电梯长期停运引发物业纠纷", "物业公司撤场后无人管理"],
                 detail: "业主与物业公司就服务质量和收费标准争执不下。", agency: "housing"),
        Template(category: .disputeLand, titles: ["大棚土地承包合同纠纷", "宅基地边界争议", "土地流转租金拖欠"],
                 detail: "承包户与村集体对合同期限和租金有争议。", agency: "natural-resources"),
        Template(category: .disputeContract, titles: ["装修合同款项纠纷", "房屋租赁押金不退"],
                 detail: "双方对合同条款理解不一致。", agency: "justice"),
        Template(category: .disputeFamily, titles: ["婚姻家庭矛盾，夫妻争吵", "赡养老人纠纷", "遗产分割家庭矛盾"],
                 detail: "家庭成员多次争吵，邻居报告。", agency: "womens-federation"),
        Template(category: .disputeNeighbour, titles: ["楼上噪音扰民", "邻里漏水纠纷", "公共楼道占用争执"],
                 detail: "邻里双方多次协商未果。", agency: "mediation"),
        Template(category: .petition, titles: ["重复信访：征地补偿诉求", "信访：拆迁安置待遇"],
                 detail: "信访人多次到访，情绪激动。", agency: "petitions"),
        Template(category: .hazardSafety, titles: ["路口井盖缺失", "广场夜间人员聚集", "校园周边交通隐患"],
                 detail: "网格员巡查发现。", agency: "police"),
        Template(category: .hazardFire, titles: ["楼道堆物堵塞消防通道", "电动车楼道充电", "群租房消防隐患"],
                 detail: "网格员巡查发现，已拍照留存。", agency: "emergency"),
        Template(category: .hazardBuilding, titles: ["老旧楼房外墙脱落", "危房漏雨无人修缮"],
                 detail: "居民担心安全，要求尽快处理。", agency: "housing"),
        Template(category: .service, titles: ["独居老人需要帮扶", "低保申请咨询", "残疾人就业帮扶"],
                 detail: "社区走访了解到的诉求。", agency: "civil-affairs"),
    ]

    /// The stories of the reference article, at their real places.
    static let stories: [(unit: String, category: Category, level: RiskLevel, source: Source, title: String, reporter: String, people: Int)] = [
        ("210203004001", .disputeProperty, .yellow, .patrol, "民乐社区老楼物业费纠纷，申请\u{201C}秋红断官司\u{201D}调解", "民乐社区网格员", 6),
        ("210203004001", .disputeNeighbour, .blue, .walkIn, "小商品市场附近商户噪音扰民", "民乐社区居民", 3),
        ("210212012001", .disputeFamily, .yellow, .walkIn, "盐厂新村家庭矛盾，请\u{201C}巧嫂评理说事\u{201D}介入", "盐厂新村妇联执委", 4),
        ("210283102201", .disputeLand, .orange, .walkIn, "徐岭镇大棚土地承包合同纠纷，农户再次上访", "徐岭村承包户王某", 12),
        ("210211008001", .disputeProperty, .yellow, .court, "区法院反向导入：润洋社区物业费诉前调解", "甘井子区人民法院", 20),
        ("210213", .disputeLabour, .red, .hotline, "金普新区外资企业停工，60余名员工讨要工资", "12345热线", 60),
    ]

    /// Surnames for generated reporters; each reporter also gets a phone tail, so the
    /// repeat-petition rule fires for the stories, not for every common surname.
    static let surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭"]
}
