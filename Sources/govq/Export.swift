/// `govq export`: the whole cube as a tidy long table — one row per report × applicant ×
/// outcome (or report × proceeding × result with `--table reviews`), with the report's
/// dimensions — in CSV or JSON Lines, what DuckDB, pandas or Spark ingest. Rows are streamed
/// through a 1 MB buffer; `-o FILE` writes a temporary file and renames it into place
/// (`OutputFile`: plain files only, no links followed, the mode kept).
import ArgumentParser
import Foundation
import GovqCube
import GovqDiagnostics
import GovqLoader
import GovqRender
import GovqOutput

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write every number as a long table (CSV or JSON Lines).",
        discussion: """
            applications columns: file, district, unit, year, template, status, province, city, county, adcode, level, body_kind, applicant, outcome, count
            reviews columns:      file, district, unit, year, template, status, province, city, county, adcode, level, body_kind, proceeding, result, count
            A cell the report does not contain is NULL: an empty CSV field, JSON null. CSV text \
            that a spreadsheet would run as a formula (= + - @) is prefixed with '.
            """)

    @Option(help: "applications or reviews.")
    var table: String = "applications"

    @Option(help: "csv or jsonl (default: from the extension of -o, else csv).")
    var format: String?

    @Option(name: .shortAndLong, help: "Write to FILE atomically instead of stdout.")
    var output: String?

    @Flag(help: "Start CSV with a UTF-8 byte-order mark, for Excel.")
    var bom = false

    @OptionGroup var data: DataOptions

    /// The root command also has these options, and may claim them after the subcommand.
    @ParentCommand var root: Govq

    func run() throws {
        let output = self.output ?? root.output
        let format = self.format ?? root.format
        guard let id = FactTableID.allCases.first(where: { $0.name == table || $0.aliases.contains(table) }) else {
            throw Export.usage("unknown table '\(table)'", help: EditDistance.nearest(table, in: ["applications", "reviews"]).map { "did you mean '\($0)'?" }
                ?? "tables are: applications, reviews")
        }
        let name = try Export.formatName(format: format, output: output)
        let loaded = try (data.paths.isEmpty ? root.data : data).load()
        do {
            let sink = try ByteSink(path: output)
            if (bom || root.bom) && name == "csv" { sink.append([0xEF, 0xBB, 0xBF]) }   // --bom, for Excel
            LongTable(cube: try root.data.placed(loaded.cube), table: id, json: name == "jsonl").write(to: sink)
            try sink.commit()
        } catch let e as ByteSink.Failure {
            if e.brokenPipe { throw ExitStatus.dataProblem }
            StandardStreams.err(DiagnosticFormatter.format(Diagnostic.error(e.message, source: "")))
            throw ExitStatus.dataProblem
        }
    }

    /// `--format`, else the extension of `-o` (`.csv`; `.jsonl`, `.ndjson`, `.json`), else csv.
    /// Any other extension is refused, so a `.parquet` or `.xlsx` name never holds CSV.
    static func formatName(format: String?, output: String?) throws -> String {
        if let format {
            guard format == "csv" || format == "jsonl" else {
                throw usage("unknown export format '\(format)'", help: refusal(format)
                            ?? EditDistance.nearest(format, in: ["csv", "jsonl"]).map { "did you mean '\($0)'?" }
                            ?? "formats are: csv, jsonl")
            }
            return format
        }
        guard let output, let ext = OutputFormat.fileExtension(output) else { return "csv" }
        switch ext {
        case "csv": return "csv"
        case "jsonl", "ndjson", "json": return "jsonl"
        default:
            throw usage("cannot export to '\(output)': govq export writes CSV or JSON Lines", help: refusal(ext)
                        ?? "name the file .csv or .jsonl, or pass --format csv|jsonl")
        }
    }

    /// Why a format people ask for is not written, and what to do instead.
    static func refusal(_ name: String) -> String? {
        switch name.lowercased() {
        case "parquet":
            return "govq has no Parquet writer; export .csv and convert it: "
                + "duckdb -c \"COPY (FROM 'cube.csv') TO 'cube.parquet'\""
        case "xlsx":
            return "a sheet holds at most 1,048,576 rows, fewer than a corpus's long table; export .csv, "
                + "or write a query's result as a workbook: govq -e QUERY -o result.xlsx"
        default:
            return nil
        }
    }

    private static func usage(_ message: String, help: String) -> ExitCode {
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
        if !json {
            sink.append(Array("file,district,unit,year,template,status,\(Self.placeNames.joined(separator: ",")),\(splitName),\(measureName),count\r\n".utf8))
        }
        // The place columns (geography), each value formatted once.
        let place = cube.place.all.map { column in column.values.map { field($0) } }
        let placeKeys = Self.placeNames.map { Array(",\"\($0)\":".utf8) }
        let district = cube.district.values.map { field($0) }
        let unit = cube.unit.values.map { field($0) }
        let file = cube.file.values.map { field($0) }
        let null = Array((json ? "null}\n" : "\r\n").utf8)
        // Every column fetched once (a snapshot's columns are produced on first access).
        let counts = (0..<facts.counts.count).map { facts.counts[$0] }
        let fileCodes = cube.file.codes, districtCodes = cube.district.codes, unitCodes = cube.unit.codes
        let placeCodes = cube.place.all.map(\.codes)
        for report in 0..<cube.reportCount {
            var prefix: [UInt8] = json ? Array("{\"file\":".utf8) : []
            prefix += file[Int(fileCodes[report])]
            prefix += json ? Array(",\"district\":".utf8) : [UInt8(ascii: ",")]
            prefix += district[Int(districtCodes[report])]
            prefix += json ? Array(",\"unit\":".utf8) : [UInt8(ascii: ",")]
            prefix += unit[Int(unitCodes[report])]
            let template = Template(rawValue: Int(cube.template[report]))?.name ?? ""
            let status = ReportStatus(rawValue: Int(cube.status[report]))?.name ?? ""
            prefix += Array((json ? ",\"year\":\(cube.year[report]),\"template\":\"\(template)\",\"status\":\"\(status)\""
                                  : ",\(cube.year[report]),\(template),\(status)").utf8)
            for k in placeCodes.indices {
                prefix += json ? placeKeys[k] : [UInt8(ascii: ",")]
                prefix += place[k][Int(placeCodes[k][report])]
            }
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

    static let placeNames = ["province", "city", "county", "adcode", "level", "body_kind"]

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
    struct Failure: Error {
        var message: String
        /// stdout's reader went away (`| head`): the run ends quietly.
        var brokenPipe = false
    }

    private let fd: Int32
    /// The file being written (nil: stdout); replaced only by `commit`.
    private let file: OutputFile?
    private var buffer: [UInt8] = []
    private var failed: String?
    private var failedCode: Int32 = 0

    init(path: String?) throws {
        buffer.reserveCapacity(1 << 20 + 4096)
        guard let path else { fd = 1; file = nil; return }
        do {
            let f = try OutputFile(path: path)
            fd = f.fd; file = f
        } catch {
            throw Failure(message: error.description)
        }
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
                if n <= 0 { failedCode = errno; failed = OutputFile.systemError(); return }
                done += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes; for a file, fsyncs and renames it into place (or removes it on failure).
    func commit() throws {
        flush()
        guard let file else {
            if let failed { throw Failure(message: "cannot write to standard output: \(failed)", brokenPipe: failedCode == EPIPE) }
            return
        }
        if let failed {
            file.abandon()
            throw Failure(message: "cannot write '\(file.path)': \(failed)")
        }
        do { try file.commit() } catch { throw Failure(message: error.description) }
    }
}
