/// govq-bench: times govq's stages in-process on a generated corpus and prints one line per
/// measurement (`name  value  unit`), for scripts/bench.sh to collect.
///
///   govq-bench load DIR             parse every report (all cores): MB/s, reports/s
///   govq-bench snapshot DIR OUT     load, write the snapshot, read it back: ms, MB
///   govq-bench query FILE.govq      in-process query times (median of 21 runs)
///   govq-bench verify DIR -n N [--seed S] [--page-furniture]   compare the loaded cube with the generator's truth
///   govq-bench wide FILE.govq OUT.csv   one row per report, a column per applications cell (for DuckDB at 10^6)
///   govq-bench analysis FILE.govq   share, change, yoy, totals and metrics against plain grouped sums
///   govq-bench documents FILE… [-n N]   read and parse each HTML/PDF/DOCX file N times on one core: MB/s, ms a file
import Foundation
import GovqCorpus
import GovqCube
import GovqEngine
import GovqGeo
import GovqLoader
import GovqSnapshot

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
func report(_ name: String, _ value: Double, _ unit: String) {
    print(name.padding(toLength: max(34, name.count), withPad: " ", startingAt: 0) + String(format: " %12.3f  ", value) + unit)
}
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("govq-bench: \(message)\n".utf8))
    exit(2)
}

/// Bytes of every `*.txt` under the paths (what "MB/s of report text" divides by).
func textBytes(_ dir: String) -> Int {
    SourceList.scan([dir]).files.reduce(0) { $0 + Int($1.size) }
}

/// The standard queries: grouped sums the issue names, a filter, a drill-down, a pivot.
let queries = [
    "sum denied by district",
    "sum new by applicant",
    "count reports by year",
    "sum granted, partial, denied by year",
    "sum denied / handled as denial_rate by year",
    "sum denied where year = 2021 and applicant in (business, legal_service) by district",
    "sum denied by outcome",
    "sum new by district pivot year",
    "sum corrected from reviews by proceeding",
]

var args = Array(CommandLine.arguments.dropFirst())
guard let mode = args.first else { fail("usage: govq-bench load|snapshot|query|verify …") }
args.removeFirst()

switch mode {
case "load":
    guard let dir = args.first else { fail("usage: govq-bench load DIR") }
    let bytes = textBytes(dir)
    let t0 = now()
    let result = ReportLoader.load(paths: [dir])
    let seconds = now() - t0
    report("load.reports", Double(result.reports.count), "files")
    report("load.cube_reports", Double(result.cube.reportCount), "reports")
    report("load.text", Double(bytes) / 1e6, "MB")
    report("load.seconds", seconds, "s")
    report("load.throughput", Double(bytes) / 1e6 / seconds, "MB/s")
    report("load.reports_per_second", Double(result.reports.count) / seconds, "reports/s")
    // The applications tables the fast path read, of those it was tried on (table4).
    let fast = TableFastPath.counts
    report("load.table_fast_path", fast.tried == 0 ? 0 : 100 * Double(fast.taken) / Double(fast.tried), "% of \(fast.tried) tables")

case "documents":
    // One core, the file in memory: what the format reader and the table reader cost together.
    var runs = 20
    if let i = args.firstIndex(of: "-n"), i + 1 < args.count, let n = Int(args[i + 1]) { runs = n; args.removeSubrange(i...(i + 1)) }
    for file in args {
        guard let data = FileManager.default.contents(atPath: file) else { fail("cannot read '\(file)'") }
        let bytes = [UInt8](data)
        let name = (file as NSString).lastPathComponent
        var best = Double.infinity, status = ""
        for _ in 0..<runs {
            let t0 = now()
            let parsed = ReportParser.parse(bytes: bytes, file: file)
            best = min(best, now() - t0)
            status = parsed.summary.status.rawValue
        }
        report("documents.\(name).ms", best * 1000, "ms (best of \(runs), \(status))")
        report("documents.\(name).throughput", Double(bytes.count) / 1e6 / best, "MB/s")
    }

case "snapshot":
    guard args.count == 2 else { fail("usage: govq-bench snapshot DIR OUT.govq") }
    let t0 = now()
    let built = try SnapshotStore.build(roots: [args[0]], to: args[1]) { ReportLoader.load(paths: $0) }
    let t1 = now()
    var best = Double.infinity
    for _ in 0..<5 {
        let s = now()
        let c = try SnapshotStore.read(args[1])
        precondition(c.cube.reportCount == built.cube.reportCount)
        best = min(best, now() - s)
    }
    var st = stat()
    stat(args[1], &st)
    report("snapshot.build_seconds", t1 - t0, "s")
    report("snapshot.size", Double(st.st_size) / 1e6, "MB")
    report("snapshot.bytes_per_report", Double(st.st_size) / Double(max(1, built.cube.reportCount)), "B")
    report("snapshot.read_ms", best * 1000, "ms")

case "open":
    // Where opening a snapshot spends its time: read+decode, the staleness scan, both.
    guard let path = args.first else { fail("usage: govq-bench open FILE.govq") }
    var read = Double.infinity, scan = Double.infinity, open = Double.infinity
    var contents: SnapshotContents?
    for _ in 0..<5 {
        var s = now()
        contents = try SnapshotStore.read(path, diagnostics: false)
        read = min(read, now() - s)
        s = now()
        _ = SourceList.scan(contents!.sources.roots, files: false)
        scan = min(scan, now() - s)
        s = now()
        _ = try SnapshotStore.open(path, diagnostics: false, load: { _ in fail("snapshot was rebuilt") }, warn: { print($0) })
        open = min(open, now() - s)
    }
    report("open.read_decode_ms", read * 1000, "ms")
    report("open.staleness_scan_ms", scan * 1000, "ms (\(contents!.sources.files.count) files)")
    report("open.total_ms", open * 1000, "ms")
    report("open.reports", Double(contents!.cube.reportCount), "reports")
    var t = now()
    let full = try SnapshotStore.read(path)
    report("open.with_diagnostics_ms", (now() - t) * 1000, "ms (\(full.diagnostics.count) diagnostics)")
    t = now()
    _ = SourceList.scan(contents!.sources.roots, files: true)
    report("open.scan_with_file_list_ms", (now() - t) * 1000, "ms")

case "wide":
    // One CSV row per report, a column per applications cell (`natural_person|new`, empty when
    // missing): the same numbers as `govq export`'s long table in 1/40 of the bytes, for
    // DuckDB to unpivot into that table when the long CSV would not fit on the disk (10^6).
    guard args.count == 2 else { fail("usage: govq-bench wide FILE.govq OUT.csv") }
    let cube = try SnapshotStore.read(args[0], diagnostics: false).cube
    let facts = cube.applications
    guard let out = FileHandle(forWritingAtPath: args[1]) ?? {
        FileManager.default.createFile(atPath: args[1], contents: nil) ? FileHandle(forWritingAtPath: args[1]) : nil
    }() else { fail("cannot write '\(args[1])'") }
    func field(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
    var cells: [(row: Int, column: Int)] = [], header = "file,district,unit,year,template"
    for c in 0..<facts.columns {
        for r in 0..<facts.rows {
            cells.append((r, c))
            header += ",\(ApplicantType.allCases[c].name)|\(Outcome.allCases[r].name)"
        }
    }
    var buffer = header + "\n"
    for report in 0..<cube.reportCount {
        buffer += field(cube.file[report: report]) + "," + field(cube.district[report: report]) + "," + field(cube.unit[report: report])
        buffer += ",\(cube.year[report]),\(Template(rawValue: Int(cube.template[report]))?.name ?? "")"
        for (r, c) in cells {
            buffer += ","
            if let v = facts.value(report: report, row: r, column: c) { buffer += String(v) }
        }
        buffer += "\n"
        if buffer.utf8.count > 1 << 20 { out.write(Data(buffer.utf8)); buffer = "" }
    }
    out.write(Data(buffer.utf8))
    try out.close()
    report("wide.reports", Double(cube.reportCount), "reports")

case "replicate":
    // A larger cube from a measured one (K copies), to time what does not fit as texts.
    guard args.count == 3, let k = Int(args[1]) else { fail("usage: govq-bench replicate FILE.govq K OUT.govq") }
    let one = try SnapshotStore.read(args[0], diagnostics: false)
    var builder = CubeBuilder()
    var reports: [ReportSummary] = []
    for _ in 0..<k {
        builder.append(contentsOf: one.cube)
        reports += one.reports
    }
    let contents = SnapshotContents(cube: builder.cube, sources: SourceList(roots: [], folders: [], files: []),
                                    reports: reports, diagnostics: [])
    try SnapshotStore.write(contents, to: args[2])
    report("replicate.reports", Double(builder.cube.reportCount), "reports")

case "geo":
    // Geography: reading the gazetteer (once per process that loads texts or uses --as-of),
    // placing a snapshot's reports again from their units, and mapping them --as-of 2024.
    // Times are this thread's CPU time: on a shared machine wall time says more about the
    // other processes than about these steps (each is single-threaded).
    guard let path = args.first else { fail("usage: govq-bench geo FILE.govq") }
    func cpu() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
    var best = Double.infinity
    var g = Gazetteer.shared
    for _ in 0..<5 {
        let t = cpu()
        g = Gazetteer(GazetteerSource.text, source: "bench")
        best = min(best, cpu() - t)
    }
    report("geo.gazetteer_parse_ms", best * 1000, "ms CPU, best of 5 (\(g.divisions.count) divisions)")
    let cube = try SnapshotStore.read(path, diagnostics: false).cube
    let inputs = (0..<cube.reportCount).map { r in
        PlacementInput(unit: cube.unit[report: r], district: cube.district[report: r], year: Int(cube.year[r]), path: cube.file[report: r])
    }
    var placed = 0
    best = .infinity
    for _ in 0..<3 {
        placed = 0
        let placer = Placer(gazetteer: g)
        let t = cpu()
        for input in inputs where placer.place(input).isPlaced { placed += 1 }
        best = min(best, cpu() - t)
    }
    report("geo.place_us_per_report", best / Double(max(1, cube.reportCount)) * 1e6, "µs CPU, best of 3 (\(placed) of \(cube.reportCount) placed)")
    best = .infinity
    for _ in 0..<5 {
        let t = cpu()
        _ = g.mapping(cube, asOf: 20241231)
        best = min(best, cpu() - t)
    }
    report("geo.as_of_ms", best * 1000, "ms CPU, best of 5")

case "query":
    guard let path = args.first else { fail("usage: govq-bench query FILE.govq") }
    let cube = try SnapshotStore.read(path).cube
    let engine = QueryEngine(cube: cube)
    for q in queries {
        var times: [Double] = []
        var rows = 0
        for _ in 0..<21 {
            let s = now()
            rows = (try? engine.run(q))?.rows.count ?? -1
            times.append(now() - s)
        }
        times.sort()
        report("query[\(q)]", times[10] * 1000, "ms median (\(rows) rows)")
    }

case "analysis":
    // The analysis constructs against the plain grouped sum they build on (issue: within 2×).
    guard let path = args.first else { fail("usage: govq-bench analysis FILE.govq") }
    let engine = QueryEngine(cube: try SnapshotStore.read(path).cube)
    // `analysis FILE Q…`: each query alone, 5 times (for an instruction count of just that).
    if args.count > 1 {
        for q in args.dropFirst() {
            var rows = 0
            for _ in 0..<5 { rows = (try? engine.run(q))?.rows.count ?? -1 }
            report("analysis[\(q)]", Double(rows), "rows, 5 runs")
        }
        break
    }
    let years = engine.cube.years
    let (first, last) = (years.first ?? 2019, years.last ?? 2021)
    let pairs = [
        ("sum new by district", "share new by district"),
        ("sum new by district, applicant", "share new by district, applicant within district"),
        ("sum new by district", "change new by district from \(first) to \(last)"),
        ("sum new by district, year", "yoy new by district, year"),
        ("sum new by year", "yoy new by year"),
        ("sum new by district", "rank sum new by district"),
        ("sum denied by district", "sum denied by district with totals"),
        ("sum granted + sum partial / sum handled by district", "disclosure_rate by district"),
        ("sum handled by district", "sum reviews.total / sum handled by district"),
    ]
    // Interleaved runs, fastest of each: on a shared machine the minimum is the stable figure.
    for (plain, analysed) in pairs {
        var a = Double.infinity, b = Double.infinity, ra = 0, rb = 0
        for _ in 0..<21 {
            var s = now()
            ra = (try? engine.run(plain))?.rows.count ?? -1
            a = min(a, now() - s)
            s = now()
            rb = (try? engine.run(analysed))?.rows.count ?? -1
            b = min(b, now() - s)
        }
        report("analysis[\(plain)]", a * 1000, "ms fastest of 21 (\(ra) rows)")
        report("analysis[\(analysed)]", b * 1000, "ms fastest of 21 (\(rb) rows), \(String(format: "%.2f", b / a))× the plain query")
    }

case "verify":
    guard let dir = args.first, let n = args.firstIndex(of: "-n").flatMap({ Int(args[$0 + 1]) }) else {
        fail("usage: govq-bench verify DIR -n N [--seed S] [--page-furniture]")
    }
    let seed = args.firstIndex(of: "--seed").flatMap { UInt64(args[$0 + 1]) } ?? 1
    // The same flag as govq-corpus's: the truth of a corpus written with page numbers in its tables.
    let generator = CorpusGenerator(seed: seed, pageFurniture: args.contains("--page-furniture"))
    let truths = (0..<n).map { generator.report($0).truth }
    let result = ReportLoader.load(paths: [dir])
    let read = ReadReports.index(result, root: dir)
    let diffs = TruthComparison.differences(truths, read)
    for d in diffs.prefix(args.contains("--all") ? Int.max : 60) { print(d) }
    var byKind: [String: Int] = [:]
    for d in diffs {
        let key = d.split(separator: ":", maxSplits: 1).last.map { $0.split(separator: " ").prefix(3).joined(separator: " ") } ?? d
        byKind[key, default: 0] += 1
    }
    for (k, v) in byKind.sorted(by: { $0.value > $1.value }).prefix(30) { print("\(v)\t\(k)") }
    // Which layout variants the failing files share: failure rate per variant token.
    let failing = Set(diffs.map { String($0.prefix(while: { $0 != ":" && $0 != " " })) })
    var total: [String: Int] = [:], bad: [String: Int] = [:]
    for t in truths {
        let tokens = t.layout.split(separator: " ").map(String.init) + [t.fault ?? "no-fault"]
        for k in tokens { total[k, default: 0] += 1; if failing.contains(t.file) { bad[k, default: 0] += 1 } }
    }
    for (k, v) in total.sorted(by: { Double(bad[$0.key] ?? 0) / Double($0.value) > Double(bad[$1.key] ?? 0) / Double($1.value) }) {
        print(String(format: "%5.1f%% of %5d  %@", 100 * Double(bad[k] ?? 0) / Double(v), v, k))
    }
    print("\(diffs.count) differences in \(failing.count) of \(n) reports")

default:
    fail("unknown mode '\(mode)'")
}
