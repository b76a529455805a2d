/// `govq export`: the whole cube as a tidy long table — one row per report × applicant ×
/// outcome (or report × proceeding × result with `--table reviews`), with the report's
/// dimensions — in CSV or JSON Lines, what DuckDB, pandas or Spark ingest. Rows are streamed
/// through a 1 MB buffer; `-o FILE` writes a temporary file and renames it into place.
import ArgumentParser
import Foundation
import GovqCube
import GovqDiagnostics
import GovqLoader

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write every number as a long table (CSV or JSON Lines).",
        discussion: """
            applications columns: file, district, unit, year, template, status, applicant, outcome, count
            reviews columns:      file, district, unit, year, template, status, proceeding, result, count
            A cell the report does not contain is NULL: an empty CSV field, JSON null. CSV text \
            that a spreadsheet would run as a formula (= + - @) is prefixed with '.
            """)

    @Option(help: "applications or reviews.")
    var table: String = "applications"

    @Option(help: "csv or jsonl (default: from the extension of -o, else csv).")
    var format: String?

    @Option(name: .shortAndLong, help: "Write to FILE atomically instead of stdout.")
    var output: String?

    /// The root command also has `-o` (and `--format`), and claims them after the subcommand.
    @ParentCommand var root: Govq

    func run() throws {
        let output = self.output ?? root.output
        let format = self.format ?? root.format
        guard let id = FactTableID.allCases.first(where: { $0.name == table || $0.aliases.contains(table) }) else {
            throw usage("unknown table '\(table)'", help: EditDistance.nearest(table, in: ["applications", "reviews"]).map { "did you mean '\($0)'?" }
                ?? "tables are: applications, reviews")
        }
        let name = format ?? (output.map { $0.hasSuffix(".jsonl") || $0.hasSuffix(".json") || $0.hasSuffix(".ndjson") ? "jsonl" : "csv" } ?? "csv")
        guard name == "csv" || name == "jsonl" else {
            throw usage("unknown export format '\(name)'", help: EditDistance.nearest(name, in: ["csv", "jsonl"]).map { "did you mean '\($0)'?" } ?? "formats are: csv, jsonl")
        }
        let loaded = try root.data.load()   // --data is the root command's option
        do {
            let sink = try ByteSink(path: output)
            LongTable(cube: loaded.cube, table: id, json: name == "jsonl").write(to: sink)
            try sink.commit()
        } catch let e as ByteSink.Failure {
            StandardStreams.err(DiagnosticFormatter.format(Diagnostic.error(e.message, source: "")))
            throw ExitStatus.dataProblem
        }
    }

    private func usage(_ message: String, help: String) -> ExitCode {
        StandardStreams.err(DiagnosticFormatter.format(Diagnostic.error(message, source: "", help: help)))
        return ExitStatus.usageOrQuery
    }
}

/// Formats the rows of one fact table as bytes.
struct LongTable {
    let cube: Cube
    let table: FactTableID
    let json: Bool

    func write(to sink: ByteSink) {
        let facts = cube.table(table)
        let split = table == .applications ? ApplicantType.allCases.map(\.name) : Proceeding.allCases.map(\.name)
        let measure = table == .applications ? Outcome.allCases.map(\.name) : ReviewResult.allCases.map(\.name)
        let (splitName, measureName) = table == .applications ? ("applicant", "outcome") : ("proceeding", "result")
        // Per (column, row) pair, the fixed middle of the line, prepared once.
        var middles: [[UInt8]] = []
        var cells: [Int] = []
        for c in 0..<facts.columns {
            for r in 0..<facts.rows {
                middles.append(json ? Array(",\"\(splitName)\":\"\(split[c])\",\"\(measureName)\":\"\(measure[r])\",\"count\":".utf8)
                                    : Array(",\(split[c]),\(measure[r]),".utf8))
                cells.append(facts.cell(row: r, column: c))
            }
        }
        if !json { sink.append(Array("file,district,unit,year,template,status,\(splitName),\(measureName),count\r\n".utf8)) }
        let district = cube.district.values.map { field($0) }
        let unit = cube.unit.values.map { field($0) }
        let file = cube.file.values.map { field($0) }
        let null = Array((json ? "null}\n" : "\r\n").utf8)
        // Every column fetched once (a snapshot's columns are produced on first access).
        let counts = (0..<facts.counts.count).map { facts.counts[$0] }
        for report in 0..<cube.reportCount {
            var prefix: [UInt8] = json ? Array("{\"file\":".utf8) : []
            prefix += file[Int(cube.file.codes[report])]
            prefix += json ? Array(",\"district\":".utf8) : [UInt8(ascii: ",")]
            prefix += district[Int(cube.district.codes[report])]
            prefix += json ? Array(",\"unit\":".utf8) : [UInt8(ascii: ",")]
            prefix += unit[Int(cube.unit.codes[report])]
            let template = Template(rawValue: Int(cube.template[report]))?.name ?? ""
            let status = ReportStatus(rawValue: Int(cube.status[report]))?.name ?? ""
            prefix += Array((json ? ",\"year\":\(cube.year[report]),\"template\":\"\(template)\",\"status\":\"\(status)\""
                                  : ",\(cube.year[report]),\(template),\(status)").utf8)
            for (i, cell) in cells.enumerated() {
                sink.append(prefix)
                sink.append(middles[i])
                if facts.missing[cell][report] {
                    sink.append(null)
                } else {
                    sink.appendInteger(Int(counts[cell][report]))
                    if json { sink.append(UInt8(ascii: "}")); sink.append(0x0A) } else { sink.append(0x0D); sink.append(0x0A) }
                }
            }
        }
    }

    /// A text field: JSON string, or CSV (RFC 4180 quoting, formula characters neutralised).
    func field(_ s: String) -> [UInt8] {
        if json {
            var out = "\""
            for u in s.unicodeScalars {
                switch u {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
                default: out.unicodeScalars.append(u)
                }
            }
            return Array((out + "\"").utf8)
        }
        var text = s
        if let first = s.utf8.first, [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D].contains(first) {
            text = "'" + s
        }
        if text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) {
            text = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return Array(text.utf8)
    }
}

/// A buffered byte writer to stdout or to a temporary file renamed over the target on commit.
final class ByteSink {
    struct Failure: Error { var message: String }

    private let fd: Int32
    private let target: String?
    private let temp: String?
    private var buffer: [UInt8] = []
    private var failed: String?

    init(path: String?) throws {
        buffer.reserveCapacity(1 << 20 + 4096)
        guard let path else { fd = 1; target = nil; temp = nil; return }
        let tmp = "\(path).\(getpid()).tmp"
        let f = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard f >= 0 else { throw Failure(message: "cannot write '\(path)': \(String(cString: strerror(errno)))") }
        fd = f; target = path; temp = tmp
    }

    @inline(__always) func append(_ b: UInt8) { buffer.append(b) }

    @inline(__always) func append(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { flush() }
    }

    /// Decimal digits without an intermediate String.
    func appendInteger(_ v: Int) {
        var n = v.magnitude
        if v < 0 { buffer.append(UInt8(ascii: "-")) }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat { d[count] = UInt8(ascii: "0") + UInt8(n % 10); n /= 10; count += 1 } while n > 0
            for i in stride(from: count - 1, through: 0, by: -1) { buffer.append(d[i]) }
        }
    }

    func flush() {
        guard failed == nil else { buffer.removeAll(keepingCapacity: true); return }
        buffer.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0, errno == EINTR { continue }
                if n <= 0 { failed = String(cString: strerror(errno)); return }
                done += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes; for a file, fsyncs and renames it into place (or removes it on failure).
    func commit() throws {
        flush()
        guard let target, let temp else {
            if let failed { throw Failure(message: "cannot write the export: \(failed)") }
            return
        }
        if failed == nil, fsync(fd) != 0 { failed = String(cString: strerror(errno)) }
        close(fd)
        if failed == nil, rename(temp, target) != 0 { failed = String(cString: strerror(errno)) }
        if let failed {
            unlink(temp)
            throw Failure(message: "cannot write '\(target)': \(failed)")
        }
    }
}
