/// Golden end-to-end tests: every `Golden/<area>/<name>.govq` is run through the real `govq`
/// binary on the sample reports, and its stdout, stderr and exit status are compared with
/// `<name>.out`, `<name>.err` (absent: empty) and `<name>.exit` (absent: 0).
///
/// Header comments at the top of a `.govq` file set how it runs:
///   `-- format: csv`            passed as `--format csv`; `all`: one run per format, stdout compared
///                               with `<name>.table`, `.csv`, `.tsv`, `.json` and `.md`
///   `-- data: Samples/reports/000_55b3ad02e644708f.txt`   (default `Samples/reports`; `none` omits --data)
///   `-- mode: file`             `-f <this file>` (default); `e`: the body as one `-e`; `e-lines`: one `-e` per
///                               line; `stdin`: the body
///                               piped in; `none`: no query (the arguments say it all)
///   `-- args: --bom`            more arguments, split at spaces
///   `-- env: GOVQ_DATA=Samples/reports`
/// `GOVQ_RECORD=1 swift test --filter GovqEndToEndTests` rewrites the expected files; every
/// number in them must then be checked against the reports (`/work/shared/seeds/truth.json`).
import Foundation
import Testing

struct GoldenCase: CustomTestStringConvertible, Sendable {
    var path: String    // relative to the package root
    /// For a `-- format: all` case, the format of this run; its output is `<name>.<ext>`.
    var format: String?
    var testDescription: String {
        String(path.dropFirst(GoldenCase.folder.count + 1)) + (format.map { " [\($0)]" } ?? "")
    }

    /// `-- format: all` runs the query in every format, each compared with its own file.
    static let everyFormat = ["table": "table", "csv": "csv", "tsv": "tsv", "json": "json", "markdown": "md"]

    static let folder = "Tests/GovqEndToEndTests/Golden"

    static var all: [GoldenCase] {
        let base = GovqProcess.root.appendingPathComponent(folder)
        let walker = FileManager.default.enumerator(atPath: base.path)
        var found: [GoldenCase] = []
        while let item = walker?.nextObject() as? String {
            guard item.hasSuffix(".govq") else { continue }
            let c = GoldenCase(path: folder + "/" + item)
            if (try? c.parsed().settings["format"]) == "all" {
                found += everyFormat.keys.sorted().map { GoldenCase(path: c.path, format: $0) }
            } else {
                found.append(c)
            }
        }
        return found.sorted { ($0.path, $0.format ?? "") < ($1.path, $1.format ?? "") }
    }

    /// Header settings and the query text below them.
    func parsed() throws -> (settings: [String: String], body: String) {
        let text = try String(contentsOfFile: GovqProcess.root.appendingPathComponent(path).path, encoding: .utf8)
        var settings: [String: String] = [:]
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        while let line = lines.first, line.hasPrefix("-- "), let colon = line.firstIndex(of: ":"),
              !line[line.index(line.startIndex, offsetBy: 3)..<colon].contains(" ") {
            let key = String(line[line.index(line.startIndex, offsetBy: 3)..<colon])
            settings[key] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            lines = lines.dropFirst()
        }
        return (settings, lines.joined(separator: "\n"))
    }

    func run() throws -> GovqRun {
        let (settings, body) = try parsed()
        var args: [String] = []
        let data = settings["data"] ?? "Samples/reports"
        if data != "none" { args += ["--data", data] }
        if let format = format ?? settings["format"] { args += ["--format", format] }
        if let extra = settings["args"] { args += extra.split(separator: " ").map(String.init) }
        var stdin: String?
        switch settings["mode"] ?? "file" {
        case "e": args += ["-e", body.trimmingCharacters(in: .newlines)]
        case "e-lines": args += body.split(separator: "\n").filter { !$0.isEmpty }.flatMap { ["-e", String($0)] }
        case "stdin": stdin = body
        case "none": break
        default: args += ["-f", path]
        }
        var env: [String: String] = [:]
        if let e = settings["env"], let eq = e.firstIndex(of: "=") {
            env[String(e[..<eq])] = String(e[e.index(after: eq)...])
        }
        return try GovqProcess.run(args, stdin: stdin, environment: env)
    }

    func expectedFile(_ ext: String) -> URL {
        GovqProcess.root.appendingPathComponent(String(path.dropLast(".govq".count)) + "." + ext)
    }

    func expected() -> GovqRun {
        // Decoded by hand: Foundation's String(contentsOf:) would drop a byte-order mark.
        func read(_ url: URL) -> String? {
            (try? Data(contentsOf: url)).map { String(decoding: $0, as: UTF8.self) }
        }
        func read(_ ext: String) -> String? { read(expectedFile(ext)) }
        let status = read("exit").flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0
        return GovqRun(stdout: read(stdoutFile) ?? "", stderr: read("err") ?? "", status: status)
    }

    /// Where stdout is expected: `<name>.out`, or `<name>.<ext>` for one of `format: all`.
    var stdoutFile: URL { expectedFile(format.flatMap { GoldenCase.everyFormat[$0] } ?? "out") }

    func record(_ got: GovqRun) throws {
        try Data(got.stdout.utf8).write(to: stdoutFile)
        for (ext, text) in [("err", got.stderr), ("exit", got.status == 0 ? "" : "\(got.status)\n")] {
            if text.isEmpty { try? FileManager.default.removeItem(at: expectedFile(ext)) }
            else { try Data(text.utf8).write(to: expectedFile(ext)) }
        }
    }
}

@Suite struct GoldenTests {
    @Test(arguments: GoldenCase.all)
    func golden(_ c: GoldenCase) throws {
        let got = try c.run()
        if ProcessInfo.processInfo.environment["GOVQ_RECORD"] == "1" {
            try c.record(got)
            return
        }
        let want = c.expected()
        #expect(got.stdout == want.stdout, "stdout of \(c.path)")
        #expect(got.stderr == want.stderr, "stderr of \(c.path)")
        #expect(got.status == want.status, "exit status of \(c.path)")
    }

    @Test func everyAreaHasCases() {
        let areas = Set(GoldenCase.all.map { $0.testDescription.split(separator: "/").first.map(String.init) ?? "" })
        #expect(areas.isSuperset(of: ["checks", "errors", "formats"]))
    }
}
