/// Tab completion: the context decided from the tokens before the cursor, and the candidates
/// offered there (names from the schema, members from the fixture cube).
import GovqREPL
import Testing

@Suite struct CompletionContextTests {
    @Test(arguments: [
        ("", CompletionContext.queryStart),
        ("sum ", .measure(countAllowed: false)),
        ("count ", .measure(countAllowed: true)),
        ("sum granted, ", .measure(countAllowed: false)),
        ("sum denied / ", .measure(countAllowed: false)),
        ("sum denied ", .keywords(["as", "by", "from", "where", "having", "order", "pivot", "limit"])),
        ("sum denied as ", .none),
        ("sum denied by ", .dimension),
        ("sum denied by district, ", .dimension),
        ("sum denied by district ", .keywords(["where", "having", "order", "pivot", "limit"])),
        ("sum corrected from ", .table),
        ("sum denied where ", .dimension),
        ("sum denied where district = ", .member("district")),
        ("sum denied where 地区 = ", .member("district")),
        ("sum denied where district != ", .member("district")),
        ("sum denied where district ~ ", .member("district")),
        ("sum denied where year = 2019 and ", .dimension),
        ("sum denied where year between ", .member("year")),
        ("sum denied where year not between 2019 and ", .member("year")),
        ("sum new where applicant in (", .member("applicant")),
        ("sum new where applicant not in (business, ", .member("applicant")),
        ("sum new where (", .dimension),
        ("sum new where district ", .keywords(["in", "not", "between"])),
        ("sum new where year = 2019 ", .keywords(["and", "or", "by", "having", "order", "pivot", "limit"])),
        ("sum denied by district having ", .measure(countAllowed: false)),
        ("sum denied by district order by ", .orderTerm),
        ("sum denied by district order by denied ", .keywords(["asc", "desc", "limit"])),
        ("sum denied by district limit ", .none),
        ("sum denied pivot ", .dimension),
        ("show ", .showSubject),
        ("sum denied by district; ", .queryStart),
        ("sum denied\nwhere district = ", .member("district")),
        ("sum denied where unit ~ \"人民\" and district = ", .member("district")),
        (".mode ", .words(["table", "csv", "tsv", "json", "jsonl", "markdown", "line", "xlsx", "bar"])),
        (".timer ", .words(["on", "off"])),
        (".headers ", .words(["on", "off"])),
        (".echo ", .words(["on", "off"])),
        (".read ", .path),
        (".load ", .path),
        (".export ", .path),
    ])
    func context(before: String, expected: CompletionContext) {
        #expect(CompletionContext.of(before: before) == expected)
    }
}

@Suite struct CompleterTests {
    let completer = Completer(cube: Fixtures.cube)

    @Test(arguments: [
        ("sum ", "den", ["denied", "denied.state_secret", "denied.prohibited", "denied.security", "denied.third_party",
                         "denied.internal", "denied.process", "denied.enforcement", "denied.inquiry"]),
        ("sum ", "denied.th", ["denied.third_party"]),
        ("sum ", "不予", ["不予公开", "不予处理"]),
        ("", "su", ["sum"]),
        ("", "SU", ["sum"]),
        ("sum denied by ", "dis", ["district"]),
        ("sum denied by ", "地", ["地区"]),
        ("sum denied where district = ", "临", ["临淄区"]),
        ("sum denied where district = ", "", ["济南市历城区", "临淄区", "下城区"]),
        ("sum denied where district = ", "\"济", ["\"济南市历城区\""]),
        ("sum denied where district = ", "“下", ["“下城区”"]),
        ("sum denied where year = ", "20", ["2019", "2020"]),
        ("sum new where applicant in (", "le", ["legal_service"]),
        ("sum new where applicant in (", "法", ["法律服务机构", "法人或其他组织"]),
        ("sum corrected from ", "rev", ["reviews"]),
        ("sum denied by district ", "wh", ["where"]),
        ("sum denied by district ", "xyz", []),
        ("count ", "rep", ["reports"]),
        ("show ", "dist", ["districts"]),
        ("", ".mo", [".mode"]),
        ("", ".", [".asof", ".check", ".echo", ".exit", ".export", ".header", ".headers", ".help", ".lang", ".load", ".mode", ".nullvalue",
                   ".once", ".output", ".quit", ".read", ".schema", ".shell", ".system", ".tables", ".timer", ".why"]),
        (".mode ", "c", ["csv"]),
    ])
    func candidates(linePrefix: String, word: String, expected: [String]) {
        #expect(completer.complete(word: word, linePrefix: linePrefix) == .words(expected))
    }

    @Test func filePathsAreLeftToReadline() {
        #expect(completer.complete(word: "Sam", linePrefix: ".load ") == .files)
    }

    @Test func contextSpansThePendingLinesOfAQuery() {
        let c = Completer(cube: Fixtures.cube)
        c.pendingText = "sum denied"
        #expect(c.complete(word: "临", linePrefix: "where district = ") == .words(["临淄区"]))
        // A dot on a continuation line is part of the query, not a command.
        #expect(c.complete(word: ".mo", linePrefix: "") == .words([]))
    }
}
