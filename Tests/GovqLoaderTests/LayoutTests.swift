/// Small reports of our own, one per layout variant of the vocabulary and per template. Every
/// fixture holds the same numbers (written out below: they add up), laid out differently; each
/// must load with exactly those numbers.
import Foundation
import Testing
@testable import GovqCube
@testable import GovqLoader

/// The numbers every 2019-template fixture holds (rows not listed are all 0).
let numbers2019: [Outcome: [Int]] = [
    .new: [10, 2, 1, 0, 1, 0], .carriedOver: [1, 0, 0, 0, 0, 1], .granted: [5, 1, 0, 0, 0, 0], .partial: [1, 0, 0, 0, 0, 0],
    .deniedProhibited: [1, 0, 0, 0, 0, 0], .deniedThirdParty: [0, 1, 0, 0, 0, 0], .unavailableNotHeld: [2, 0, 1, 0, 0, 0],
    .notProcessedComplaint: [1, 0, 0, 0, 0, 0], .other: [0, 0, 0, 0, 1, 0],
    .handled: [10, 2, 1, 0, 1, 0], .carriedForward: [1, 0, 0, 0, 0, 1],
]
/// The 2021 fixtures: （六）其他处理 split into 逾期不补正 1 and 其他 1.
let numbers2021: [Outcome: [Int]] = {
    var n = numbers2019
    n[.other] = nil
    n[.otherNoCorrection] = [1, 0, 0, 0, 0, 0]
    n[.otherMisc] = [0, 0, 0, 0, 1, 0]
    n[.handled] = [11, 2, 1, 0, 1, 0]
    n[.carriedForward] = [0, 0, 0, 0, 0, 1]
    return n
}()
/// review, litigation_direct, litigation_after_review × upheld, corrected, other, pending, total.
let fixtureReviews = [[1, 0, 0, 1, 2], [0, 1, 0, 0, 1], [0, 0, 0, 0, 0]]

func parseFixture(_ name: String) throws -> ParsedReport {
    ReportParser.parse(bytes: [UInt8](try Data(contentsOf: Paths.fixtures.appendingPathComponent(name))), file: name)
}

struct LayoutCase: Sendable, CustomTestStringConvertible {
    let file: String
    let district: String
    let unit: String
    let year: Int
    let template: Template
    var testDescription: String { file }
}

@Suite struct LayoutTests {
    static let cases: [LayoutCase] = [
        // tab-indented, one cell per line; labels and header words broken over lines
        LayoutCase(file: "tabs-one-per-line.txt", district: "某某市示范区", unit: "某某市示范区人民政府办公室", year: 2020, template: .t2019),
        // web page: navigation and [image: …] lines before a title split over lines; no tabs,
        // blank lines between cells, half-width brackets, 三安全一稳定 without quotes
        LayoutCase(file: "no-tabs-web-page.txt", district: "某某县", unit: "某某县", year: 2020, template: .t2019),
        // one row per line, cells separated by tabs, group headers sharing the line of their first leaf
        LayoutCase(file: "rows-tab-separated.txt", district: "某某市示范区", unit: "某某市示范区", year: 2020, template: .t2019),
        // not among the samples: one row per line, label then seven numbers separated by spaces;
        // section 四 one proceeding per line
        LayoutCase(file: "rows-space-separated.txt", district: "某某经济技术开发区", unit: "某某经济技术开发区管委会", year: 2020, template: .t2019),
        // blank cells as nothing, spaces, U+3000, -, —, /, 无, －; full-width and padded digits; a note
        LayoutCase(file: "blank-markers.txt", district: "某某市示范区", unit: "某某市示范区人民政府", year: 2020, template: .t2019),
        // not among the samples: a web page converted to a Markdown table; a CSV export with 0.0
        LayoutCase(file: "markdown-table.txt", district: "某某市示范区", unit: "某某市示范区人民政府", year: 2020, template: .t2019),
        LayoutCase(file: "csv-export.txt", district: "某某市示范区", unit: "某某市示范区人民政府", year: 2020, template: .t2019),
        // a page break repeats the header (with its 总计 and 其他 columns) in the middle of the table
        LayoutCase(file: "page-break-header.txt", district: "某某市示范区", unit: "某某市示范区", year: 2020, template: .t2019),
        // one row per line, tab-separated, zeros written as nothing, U+3000 or a space: blank
        // cells in the middle and at the end of a line, a row of seven empty cells
        // (`3.危及“三安全一稳定”\t\t\t\t\t\t\t`), section 四's fifteen cells on one line ending in
        // five empty ones; the title's unit and year lines apart with a blank line between
        LayoutCase(file: "rows-tab-blank-cells.txt", district: "某某市示范区", unit: "某某市示范区人民政府办公室", year: 2020, template: .t2019),
        // the same for 2021, section 四 one proceeding a line with blank cells; a department
        // whose name has 城市 in it (the district is 某某市, not 某某市城市)
        LayoutCase(file: "rows-tab-blank-cells-2021.txt", district: "某某市", unit: "某某市城市管理局", year: 2022, template: .t2021),
        LayoutCase(file: "template-2021.txt", district: "某某市示范区", unit: "某某市示范区人民政府", year: 2021, template: .t2021),
        LayoutCase(file: "template-2021-rows.txt", district: "某某市示范区", unit: "某某市示范区人民政府", year: 2022, template: .t2021),
        // page furniture inside the tables, one cell per line: a footer in another form at every
        // page break (`- 2 -` indented 46 spaces, `— 3 —`, `\t-4-`, `第 5 页`, `6/12`, `　　－ 7 －`,
        // `Page 8 of 12`, `第9页/共12页`), a form feed and a running header after it, one of
        // them among section 四's fifteen numbers
        LayoutCase(file: "page-furniture.txt", district: "某某市示范区", unit: "某某市示范区", year: 2020, template: .t2019),
        // bare page numbers before form feeds (pdftotext without -layout); the first page ends
        // just before a cell that reads 2, the number of the page it opens: a cell all the same
        LayoutCase(file: "page-numbers-bare.txt", district: "某某市示范区", unit: "某某市示范区", year: 2020, template: .t2019),
        // zeros as NA markers (/ ／ — —— - － 不适用 无 * ×) and as every kind of blank (nothing, a
        // space, U+3000, U+00A0, U+2002, U+2003, U+2009, U+200B, &nbsp;, U+FEFF), rows separated
        // by tabs or spaces; numbers with a blank inside (`1 0` with a no-break space, `1&nbsp;4`,
        // `1\e[5m0`)
        LayoutCase(file: "na-markers-blanks.txt", district: "某某市示范区", unit: "某某市示范区", year: 2020, template: .t2019),
        // 2021, rows separated by spaces: （六）其他处理 run into its first row's label (one word),
        // so 3.其他 is other.misc all the same; and a （六）其他处理 row printed with its own
        // subtotal, which agrees with its three rows and is not counted twice
        LayoutCase(file: "template-2021-other-merged.txt", district: "某某市示范区", unit: "某某市示范区人民政府", year: 2022, template: .t2021),
        LayoutCase(file: "template-2021-other-subtotal.txt", district: "某某市示范区", unit: "某某市示范区人民政府", year: 2022, template: .t2021),
        // labels as people type them: spaces inside words (`三 、本 年 度 办 理结果`, `本 年新收`),
        // numbering missing (`予以公开`, `属于四类过程信息`) or different (`（2）`), typos that leave
        // no keyword (`其他法律行政止公开`, `内部事物`, `重复申清`, `仍不明`), a word dropped
        // (`过程信息`), and a row of no template (`（六-1）本年度补充说明事项 9 9 …`: a warning,
        // its cells given to no row)
        LayoutCase(file: "labels-as-typed.txt", district: "某某经济技术开发区", unit: "某某经济技术开发区管委会", year: 2020, template: .t2019),
        // no title line: a crawler's `标题:` / `发布时间:` header names the body and the year
        LayoutCase(file: "crawler-header.txt", district: "某某市示范区", unit: "某某市示范区民政局", year: 2021, template: .t2019),
        // the title lost: the year from the 统计期限 sentence, the body from `请与…联系` at the end
        // (loaded, with a warning)
        LayoutCase(file: "title-lost.txt", district: "某某县", unit: "某某县人民政府办公室", year: 2021, template: .t2019),
        // the form the HTML, PDF and Word readers hand over: one table row per line, cells
        // separated by tabs, empty cells as empty fields; a rowspan's later rows with an empty
        // first field (or the group repeated), a label spanning two columns followed by an empty
        // field, section 四 as three header rows and one row of fifteen fields
        LayoutCase(file: "html-table-tabs.txt", district: "某某市示范区", unit: "某某市示范区", year: 2020, template: .t2019),
        // the whole body on one line, labels and digits run together (a crawler's copy of a
        // web page): `…申请数量10 2101014二、上年结转…1000012三、本年度办理结果（一）予以公开1…`
        LayoutCase(file: "flattened.txt", district: "某某市示范区", unit: "某某市示范区", year: 2020, template: .t2019),
        // cells away from their labels: a PDF→Markdown table with label rows of their own above
        // rows of bare numbers, and plain pdftotext output with each label after its values
        LayoutCase(file: "markdown-labels-above.txt", district: "某某市示范区", unit: "某某市示范区", year: 2020, template: .t2019),
        LayoutCase(file: "labels-after-values.txt", district: "某某市示范区", unit: "某某市示范区", year: 2020, template: .t2019),
        // PDF→Markdown with a narrow label column: labels and group cells split over two or
        // three label-only rows (`| （三）不 |` / `| 予公开 |`, `| 5.要求行政机关确 |` / `| 认或重新出具已获 |` /
        // `| 取信息 | 0 | …`, `| （七）总 |` / `| 计 | 10 | …`), the numbers on the label's last row or
        // on a row of their own; the first leaf after a split group typed with a typo (`国家秘蜜`);
        // in 2021 （六）其他处理 split too, and `| 3.其 |` / `| 他 | 0 | …`
        // the whole body on one line with the title run into the prose, cells separated by
        // spaces and every 0 an NA marker (`10 2 1 / 1 — 14`, `1 不适用 - * × 1 2`): a blank ends a
        // cell where some cut that ends one at every blank fits, a marker is a cell of its own;
        // section 四 with its header words on the same line
        LayoutCase(file: "flattened-spaces-markers.txt", district: "某某经济技术开发区", unit: "某某经济技术开发区管委会", year: 2020, template: .t2019),
        // section 四's header with 其他结果 before 结果纠正: each column read as its header says;
        // the title run into the first paragraph on one line
        LayoutCase(file: "reviews-order-swapped.txt", district: "某某经济技术开发区", unit: "某某经济技术开发区管委会", year: 2020, template: .t2019),
        // the 总计 column printed first (`申请人情况 总计 自然人 商业企业 …`, `… 14 10 2 1 0 1 0`):
        // each cell read as its column's header says, with a note
        // flattened with no blank anywhere but inside typed labels: the title run into
        // `一、总体情况…`, `本 年 新收…` with its numbering dropped, typos that leave no keyword
        // (`其他法律行政止公开`, `内部事物`, `重复申清`): each matched to its closest row before the
        // digits are cut, so the columns' identities count them
        LayoutCase(file: "flattened-typed-labels.txt", district: "某某经济技术开发区", unit: "某某经济技术开发区管委会", year: 2020, template: .t2019),
        // an Excel CSV export of the grid: the group in a column of its own, empty under its
        // merged cell, 一、二、四、 and section 四's labels across two columns (an empty field
        // after them), NA markers among section 四's numbers
        LayoutCase(file: "csv-grid.txt", district: "某某经济技术开发区", unit: "某某经济技术开发区管委会", year: 2020, template: .t2019),
        LayoutCase(file: "total-column-first.txt", district: "某某经济技术开发区", unit: "某某经济技术开发区管委会", year: 2020, template: .t2019),
        LayoutCase(file: "markdown-split-labels.txt", district: "某某市示范区", unit: "某某市示范区", year: 2020, template: .t2019),
        LayoutCase(file: "markdown-split-labels-2021.txt", district: "某某市示范区", unit: "某某市示范区", year: 2021, template: .t2021),
        LayoutCase(file: "gb18030-crlf.txt", district: "某某市示范区", unit: "某某市示范区人民政府办公室", year: 2020, template: .t2019),
        LayoutCase(file: "utf8-bom-crlf.txt", district: "某某市示范区", unit: "某某市示范区人民政府办公室", year: 2020, template: .t2019),
        LayoutCase(file: "utf16le-bom.txt", district: "某某市示范区", unit: "某某市示范区人民政府办公室", year: 2020, template: .t2019),
    ]

    @Test(arguments: cases)
    func loadsEveryCell(_ c: LayoutCase) throws {
        let got = try parseFixture(c.file)
        #expect(got.summary.status == .ok, "\(got.diagnostics.filter { $0.severity == .error }.map(\.message))")
        #expect(got.summary.district == c.district)
        #expect(got.summary.unit == c.unit)
        #expect(got.summary.year == c.year)
        #expect(got.summary.template == c.template)
        let record = try #require(got.record)
        let want = c.template == .t2019 ? numbers2019 : numbers2021
        for o in Outcome.allCases {
            // A template's rows that the other template has are missing, not 0.
            let absent = c.template == .t2019 ? RowLabels.otherLeaves.contains(o) : o == .other
            let row = absent ? nil : (want[o] ?? [0, 0, 0, 0, 0, 0])
            for a in ApplicantType.allCases {
                #expect(record[o, a].map(Int.init) == row?[a.rawValue], "\(o.name) \(a.name)")
            }
            #expect(got.totals[o.rawValue].map(Int.init) == row.map { $0.reduce(0, +) }, "\(o.name) total")
        }
        for p in Proceeding.allCases {
            #expect(ReviewResult.allCases.map { record[$0, p].map(Int.init) } == fixtureReviews[p.rawValue], "\(p.name)")
        }
    }

    /// Each label matched by its closest template label is noted; the row of no template is a
    /// warning that quotes it.
    @Test func labelsAsTypedAreNotedAndAnUnknownLabelIsAWarning() throws {
        let got = try parseFixture("labels-as-typed.txt")
        #expect(got.diagnostics.filter { $0.severity == .note }.compactMap(\.row)
                    == ["denied.prohibited", "denied.internal", "denied.process", "unavailable.unclear", "not_processed.duplicate"])
        #expect(got.diagnostics.filter { $0.severity == .warning }.map(\.message)
                    == ["'(六-1)本年度补充说明事项' matches no row of the applications table; its 7 cells are ignored"])
    }

    /// 2.重复申请's cells ran into 3.要求提供公开出版物: fourteen cells after two labels are
    /// seven each, in the template's order, since both rows then add up.
    @Test func cellsThatRanIntoTheNextRowAreAssignedByOrder() throws {
        let got = try parseFixture("merged-rows.txt")
        #expect(got.diagnostics.filter { $0.severity == .error }.isEmpty)
        #expect(got.diagnostics.contains { $0.message.hasSuffix("every row then adds up: not_processed.duplicate, not_processed.publication") })
        let record = try #require(got.record)
        #expect(record[.notProcessedDuplicate, .naturalPerson] == 0 && record[.notProcessedPublication, .otherOrg] == 0)
    }

    @Test func annotatedCellKeepsItsNote() throws {
        let got = try parseFixture("blank-markers.txt")
        let note = try #require(got.diagnostics.first { $0.severity == .note })
        #expect(note.row == "other" && note.column == "legal_service")
        #expect(note.message.contains("'属公安机关刑事司法信息'"))
    }

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        let file: String
        let errors: [String]
        var testDescription: String { file }
    }

    static let errorCases: [ErrorCase] = [
        // （一）予以公开 keeps three of its cells; （七）总计 lost all of them
        ErrorCase(file: "truncated-rows.txt", errors: [
            "(一)予以公开 has only 3 of 7 cells; the rest are missing",
            "(七)总计 has no cells",
        ]),
        // granted natural_person is 6 where the table's other rows imply 5; partial's 总计 says 2;
        // the review total says 3
        ErrorCase(file: "inconsistent.txt", errors: [
            "review: total (3) ≠ upheld + corrected + other + pending (2)",
            "natural_person: handled (10) ≠ sum of outcomes (11)",
            "partial: total column (2) ≠ sum of the six applicant columns (1)",
        ]),
    ]

    @Test(arguments: errorCases)
    func reportsWhatDoesNotAddUp(_ c: ErrorCase) throws {
        let got = try parseFixture(c.file)
        #expect(got.summary.status == .inconsistent)
        #expect(got.diagnostics.filter { $0.severity == .error }.map(\.message) == c.errors)
    }

    @Test func truncatedRowKeepsWhatItHasAndNothingMore() throws {
        let record = try #require(try parseFixture("truncated-rows.txt").record)
        #expect(ApplicantType.allCases.map { record[.granted, $0] } == [5, 1, 0, nil, nil, nil])
        #expect(ApplicantType.allCases.allSatisfy { record[.handled, $0] == nil })
        #expect(record[.carriedForward, .naturalPerson] == 1)
    }

    @Test func mismatchNamesRowColumnAndNumbers() throws {
        let d = try #require(try parseFixture("inconsistent.txt").diagnostics.first { $0.message.hasPrefix("partial") })
        #expect(d.row == "partial" && d.column == "total" && d.expected == 1 && d.found == 2)
        #expect(d.source == "inconsistent.txt" && d.sourceLine == " 2")
    }

    @Test(arguments: [
        ("empty.txt", "empty file"),
        ("undecodable.txt", "not UTF-8, UTF-16 or GB18030"),
        ("pre2019.txt", "no applications table (pre-2019 report?)"),
        ("no-table.txt", "no applications table"),
    ])
    func skipsWithAReason(file: String, reason: String) throws {
        let got = try parseFixture(file)
        #expect(got.summary.status == .skipped)
        #expect(got.summary.reason == reason)
        #expect(got.record == nil)
    }
}
