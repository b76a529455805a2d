/// The analysis queries' shortcuts against the careful path each one replaces, over generated
/// reports read from a snapshot (counts in their stored width) and over a cube of random reports
/// with random missing cells: a metric's chunked complete-case sums against the missing-cell rule
/// applied report by report, and totals merged from the answer's accumulators against the same
/// query run at fewer dimensions.
import Foundation
import GovqCorpus
import GovqCube
import GovqEngine
import GovqLoader
import GovqSnapshot
import Testing

enum AnalysisData {
    static let engines: [(name: String, engine: QueryEngine)] = {
        let dir = try! Support.temporaryFolder("analysis")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try! CorpusGenerator(seed: 15).write(count: 300, to: dir + "/corpus")
        _ = try! SnapshotStore.build(roots: [dir + "/corpus"], to: dir + "/corpus.govq") { ReportLoader.load(paths: $0) }
        // The snapshot is mapped: its columns stay readable once the folder is gone.
        let snapshot = try! SnapshotStore.read(dir + "/corpus.govq").cube
        return [("generated snapshot", QueryEngine(cube: snapshot)), ("random cube", QueryEngine(cube: randomCube()))]
    }()

    /// 400 reports of six districts, 2019–2023; a row is missing in 8% of reports, any one cell
    /// in 3%, and section 四 in 10%.
    static func randomCube() -> Cube {
        var rng = CorpusRandom(state: 15)
        var b = CubeBuilder()
        let districts = ["甲区", "乙区", "丙区", "丁区", "戊区", "己区"]
        for i in 0..<400 {
            let district = districts[Int(rng.next() % 6)], year = 2019 + Int(rng.next() % 5)
            var r = ReportRecord(file: "r\(i).txt", district: district, unit: district + "政府办", year: year,
                                 template: year >= 2021 ? .t2021 : .t2019)
            for o in Outcome.allCases where rng.next() % 100 >= 8 {
                for a in ApplicantType.allCases where rng.next() % 100 >= 3 {
                    r[o, a] = Int32(rng.next() % (rng.next() % 20 == 0 ? 70_000 : 300))
                }
            }
            if rng.next() % 10 != 0 {
                for x in ReviewResult.allCases {
                    for p in Proceeding.allCases where rng.next() % 100 >= 3 { r[x, p] = Int32(rng.next() % 40) }
                }
            }
            b.append(r)
        }
        return b.cube
    }
}

@Suite struct MetricRuleDifferentialTests {
    struct Case: CustomStringConvertible, Sendable {
        var metric: String
        /// A report-level `where` and the reports it keeps (by year), nil for every report.
        var year: Int?
        /// `where applicant in (…)`: the applications columns kept.
        var applicants: [ApplicantType]?
        var description: String { metric + (year.map { " \($0)" } ?? "") + (applicants.map { " \($0.map(\.name))" } ?? "") }
    }

    static let cases: [Case] = [
        Case(metric: "disclosure_rate"), Case(metric: "disclosure_rate", year: 2021),
        Case(metric: "disclosure_rate", applicants: [.naturalPerson, .business]),
        Case(metric: "backlog_rate"), Case(metric: "review_correction_rate"), Case(metric: "litigation_correction_rate", year: 2020),
        Case(metric: "contest_rate"), Case(metric: "contest_rate", year: 2023),
    ]

    /// Per district: the reports kept, those with a present cell of every term, their sums,
    /// and the first three of the others.
    struct Expected {
        var total = 0, used = 0
        var numerator: Int64 = 0, denominator: Int64 = 0
        var leftOut: [Int] = []
    }

    static func byRule(_ cube: Cube, _ c: Case) -> [String: Expected] {
        let metric = Metrics.named(c.metric)!
        var out: [String: Expected] = [:]
        for r in 0..<cube.reportCount where c.year.map({ Int(cube.year[r]) == $0 }) ?? true {
            var e = out[cube.district[report: r]] ?? Expected()
            e.total += 1
            var complete = true, sums: [Int64] = []
            for term in metric.numerator + metric.denominator {
                let table = cube.table(term.table)
                var columns = term.proceedings?.map(\.rawValue) ?? Array(0..<table.columns)
                if term.table == .applications, let a = c.applicants { columns = a.map(\.rawValue) }
                var present = false, sum: Int64 = 0
                for leaf in Schema.measure(named: term.measure, in: term.table)!.leaves {
                    for column in columns {
                        if let v = table.value(report: r, row: leaf, column: column) { present = true; sum += Int64(v) }
                    }
                }
                complete = complete && present
                sums.append(Int64(term.sign) * sum)
            }
            if complete {
                e.used += 1
                e.numerator += sums.prefix(metric.numerator.count).reduce(0, +)
                e.denominator += sums.dropFirst(metric.numerator.count).reduce(0, +)
            } else if e.leftOut.count < 3 {
                e.leftOut.append(r)
            }
            out[cube.district[report: r]] = e
        }
        return out
    }

    @Test(arguments: cases) func aMetricIsTheRuleAppliedReportByReport(_ c: Case) throws {
        for (name, engine) in AnalysisData.engines {
            let cube = engine.cube
            var filters: [String] = []
            if let y = c.year { filters.append("year = \(y)") }
            if let a = c.applicants { filters.append("applicant in (\(a.map(\.name).joined(separator: ", ")))") }
            let query = "\(c.metric) by district with coverage" + (filters.isEmpty ? "" : " where " + filters.joined(separator: " and "))
            let result = try engine.run(query)
            let expected = Self.byRule(cube, c)
            #expect(result.rows.count == expected.count, "\(name): \(query)")
            let scale = Double(Metrics.named(c.metric)!.scale)
            var lines: [String] = []
            for row in result.rows {
                guard case .text(let district) = row[0], let e = expected[district] else {
                    Issue.record("\(name): \(query): unexpected row \(row)"); continue
                }
                #expect(row[2] == .integer(Int64(e.used)) && row[3] == .integer(Int64(e.total - e.used)), "\(name): \(query): \(district)")
                if e.used == 0 || e.denominator == 0 {
                    #expect(row[1] == .null, "\(name): \(query): \(district)")
                } else if case .decimal(let v) = row[1] {
                    let want = Double(e.numerator) / Double(e.denominator) * scale
                    #expect(abs(v - want) <= 1e-12 * max(1, abs(want)), "\(name): \(query): \(district) \(v) vs \(want)")
                } else {
                    Issue.record("\(name): \(query): \(district) gives \(row[1])")
                }
                if e.used < e.total {
                    let names = e.leftOut.map { "\(cube.district[report: $0]) \(cube.year[$0])" }
                    let more = e.total - e.used > e.leftOut.count ? ", …" : ""
                    lines.append("\(c.metric) for \(district): \(e.total - e.used) of \(e.total) reports left out ("
                                 + names.joined(separator: ", ") + more + "), a cell it needs is missing")
                }
            }
            let told = result.warnings.filter { $0.hasPrefix("\(c.metric) for ") }
            #expect(told.count == min(lines.count, 10), "\(name): \(query): \(told)")
            for line in told { #expect(lines.contains(line), "\(name): \(query): \(line) not in \(lines)") }
        }
    }
}

@Suite struct TotalsDifferentialTests {
    /// A query with totals, and per kind of total row the query that gives its values.
    struct Case: CustomStringConvertible, Sendable {
        var query: String
        var dims: Int
        /// The query at no dimension (the 合计 row) and at the first (the 小计 rows).
        var grand: String
        var sub: String?
        var description: String { query }
    }

    static let cases: [Case] = [
        Case(query: "sum denied by district with totals", dims: 1, grand: "sum denied"),
        Case(query: "sum new, avg new, min handled, max denied, count handled by district, year with totals where year >= 2020",
             dims: 2, grand: "sum new, avg new, min handled, max denied, count handled where year >= 2020",
             sub: "sum new, avg new, min handled, max denied, count handled by district where year >= 2020"),
        Case(query: "disclosure_rate, sum granted / sum handled by year, district with totals",
             dims: 2, grand: "disclosure_rate, sum granted / sum handled", sub: "disclosure_rate, sum granted / sum handled by year"),
        Case(query: "contest_rate, review_correction_rate by district with totals", dims: 1, grand: "contest_rate, review_correction_rate"),
        Case(query: "disclosure_rate by district with totals, coverage", dims: 1, grand: "disclosure_rate with coverage"),
        Case(query: "change new by district from 2019 to 2021 with totals", dims: 1, grand: "change new from 2019 to 2021"),
        Case(query: "share new by district with totals where year = 2022", dims: 1, grand: "share new where year = 2022"),
        // Dropping the applicant changes the slices: these are run again.
        Case(query: "sum denied by district, applicant with totals", dims: 2, grand: "sum denied", sub: "sum denied by district"),
        // Distinct counts do not add up: run again.
        Case(query: "count distinct unit, sum new by year, district with totals", dims: 2,
             grand: "count distinct unit, sum new", sub: "count distinct unit, sum new by year"),
    ]

    @Test(arguments: cases) func totalsAreTheQueryAtFewerDimensions(_ c: Case) throws {
        for (name, engine) in AnalysisData.engines {
            let result = try engine.run(c.query)
            #expect(result.rowKinds.count == result.rows.count && result.rowKinds.last == .total, "\(name): \(c.query)")
            #expect(Array(result.rows.last!.dropFirst(c.dims)) == (try engine.run(c.grand)).rows[0], "\(name): \(c.query)")
            guard let sub = c.sub else { continue }
            let subtotals = try engine.run(sub).rows
            let marked = zip(result.rows, result.rowKinds).filter { $0.1 == .subtotal }.map(\.0)
            #expect(marked.count == subtotals.count, "\(name): \(c.query)")
            for row in marked {
                #expect(subtotals.contains([row[0]] + row.dropFirst(c.dims)), "\(name): \(c.query): \(row)")
            }
        }
    }

    @Test func pivotMarginsAreTheQueryAtFewerDimensions() throws {
        for (name, engine) in AnalysisData.engines {
            let result = try engine.run("sum new, max handled by district pivot year with totals")
            let byDistrict = try engine.run("sum new, max handled by district").rows
            let byYear = try engine.run("sum new, max handled pivot year").rows[0]
            let all = try engine.run("sum new, max handled").rows[0]
            #expect(result.rows.count == byDistrict.count + 1, "\(name)")
            for (row, margin) in zip(result.rows, byDistrict) { #expect(Array(row.suffix(2)) == Array(margin.suffix(2)), "\(name)") }
            #expect(Array(result.rows.last!.dropFirst().dropLast(2)) == byYear, "\(name)")
            #expect(Array(result.rows.last!.suffix(2)) == all, "\(name)")
        }
    }
}
