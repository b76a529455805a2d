/// The hand-read command line (`QuickArguments`) against swift-argument-parser: every argv shape
/// goes through both. Where the quick path reads a command line, the library must read it too,
/// into the same options; where the library fails or makes something else (a subcommand, help),
/// the quick path must decline, so the library's behaviour and errors are what the user sees.
import ArgumentParser
@testable import govq
import Testing

@Suite struct QuickArgumentsTests {
    /// What a query run reads from its options.
    struct Options: Equatable, CustomStringConvertible {
        var paths: [String], asOf: String?, queries: [String], file: String?, format: String?, output: String?
        var bom: Bool, header: Bool, nullvalue: String?, echo: Bool, lang: String?

        init(_ g: QueryRun) {
            paths = g.data.paths; asOf = g.data.asOf; queries = g.queries; file = g.file; format = g.format
            output = g.output; bom = g.bom; header = g.header; nullvalue = g.nullvalue; echo = g.echo; lang = g.lang
        }

        var description: String {
            "paths \(paths) asOf \(asOf ?? "-") queries \(queries) file \(file ?? "-") format \(format ?? "-") "
                + "output \(output ?? "-") bom \(bom) header \(header) null \(nullvalue ?? "-") echo \(echo) lang \(lang ?? "-")"
        }
    }

    /// What the library makes of `words`: the query run's options, or nil (an error, help, a subcommand).
    static func library(_ words: [String]) -> Options? {
        guard let command = try? Govq.parseAsRoot(words), let root = command as? Govq else { return nil }
        return Options(root.queryRun)
    }

    /// Shapes the quick path reads (the library reads each the same way).
    @Test(arguments: [
        ["--data", "corpus.govq", "-e", "sum denied by district"],
        ["--data", "corpus.govq", "-e", "sum denied by district", "--format", "csv"],
        ["-e", "count reports", "--data", "a", "--data", "b.govq"],
        ["-c", "count reports by year", "-e", "sum new by applicant", "--execute", "count reports"],
        ["--data", "x.govq", "-f", "queries.sql"],
        ["-f", "-", "--data", "x"],
        ["--format", "tsv", "--no-header", "-e", "count reports"],
        ["--header", "--echo", "--bom", "-e", "q", "-o", "out.csv"],
        ["--nullvalue", "NA", "--lang", "zh", "--as-of", "2024", "-e", "q"],
        ["-e", ""],
        ["-e", "check"],
        ["-e", "help"],
        ["--data", "check", "-e", "count reports"],
        ["-e", "sum denied where district = 历城区 by year"],
        ["-e", "a", "--format", "json", "-o", "r.json", "--lang", "en"],
    ])
    func readsTheCommonShapeAsTheLibraryDoes(words: [String]) throws {
        let quick = try #require(QuickArguments.parse(words), "\(words) should be read by hand")
        let library = try #require(Self.library(words), "the library should read \(words)")
        #expect(Options(quick) == library, "\(words)")
    }

    /// Shapes left to the library: its errors, help, subcommands and rarer spellings.
    @Test(arguments: [
        [],
        ["--data", "x.govq"],
        ["check", "--data", "x.govq"],
        ["index", "dir", "-o", "x.govq"],
        ["export", "--data", "x.govq"],
        ["--help"], ["-h"], ["--version"], ["help"],
        ["-e"],
        ["-e", "q", "--data"],
        ["-e", "-x"],
        ["-e", "q", "--format", "csv", "--format", "json"],
        ["-e", "q", "-f", "a", "-f", "b"],
        ["-e", "q", "--echo", "--echo"],
        ["-e", "q", "--header", "--no-header"],
        ["-e", "q", "--nullvalue", "-json"],
        ["--data=x.govq", "-e", "q"],
        ["-e", "q", "--execute=r"],
        ["-eq"],
        ["-e", "q", "--", "x"],
        ["-e", "q", "extra"],
        ["-e", "q", "--fromat", "csv"],
        ["-e", "q", "-o"],
        ["-e", "q", "--generate-completion-script", "bash"],
    ])
    func leavesEverythingElseToTheLibrary(words: [String]) {
        #expect(QuickArguments.parse(words) == nil, "\(words)")
    }

    /// Every combination of a few words: wherever the quick path reads one, the library reads
    /// the same options.
    @Test func agreesWithTheLibraryOnEveryCombination() throws {
        let pieces: [[String]] = [
            ["-e", "q1"], ["-c", "q2"], ["--data", "d1"], ["--data", "d2.govq"], ["-f", "s.sql"], ["--format", "csv"],
            ["-o", "o.json"], ["--bom"], ["--header"], ["--no-header"], ["--nullvalue", "N"], ["--echo"], ["--lang", "zh"],
            ["--as-of", "2023"], ["-e", "-"], ["check"], ["-x"],
        ]
        var read = 0
        for a in pieces.indices {
            for b in pieces.indices {
                for c in pieces.indices {
                    let words = pieces[a] + pieces[b] + pieces[c]
                    guard let quick = QuickArguments.parse(words) else { continue }
                    read += 1
                    let library = try #require(Self.library(words), "the library should read \(words)")
                    #expect(Options(quick) == library, "\(words)")
                }
            }
        }
        #expect(read > 1000)
    }
}
