import Dashboard
import DispatchCore
import XCTest

/// The domain's refusals in Chinese mode (issue 15, item 3).
final class DomainTextTests: XCTestCase {
    func testChineseNamesTheSameProblem() {
        let cases: [(DomainError, String)] = [
            (.unknownCase("GW000099"), "没有编号为 GW000099 的案件"),
            (.invalidTransition(case: "GW000002", action: "resolve", state: .dispatched), "无法办结 GW000002：案件已交办"),
            (.emptyField("reason"), "原因不能为空"),
            (.conflict(case: "GW000002", expected: 1, actual: 2), "案件 GW000002 已被他人更改（版本 1，现为 2），请刷新后重试"),
            (.alreadySupervised(case: "GW000002", level: .yellow), "案件 GW000002 已是黄牌"),
        ]
        for (e, zh) in cases {
            XCTAssertEqual(DomainText.describe(e, .zh), zh)
            XCTAssertEqual(DomainText.describe(e, .en), e.description, "English is the domain's own text")
        }
    }
}
