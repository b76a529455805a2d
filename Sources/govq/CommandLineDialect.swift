/// sqlite3's and DuckDB's spellings on govq's command line. Their options are single-dash words
/// (`-csv`, `-header`, `-nullvalue TEXT`), which swift-argument-parser would read as bundles of
/// short flags; so argv is rewritten to govq's own options before parsing, a word at a time,
/// never inside an option's value and never after `--`.
enum CommandLineDialect {
    /// Each sqlite3/DuckDB word and what govq spells it as. By switch, not a dictionary built at
    /// start: a `[String: …]`'s first use scans every protocol conformance record in the binary.
    static func words(_ word: String) -> [String]? {
        switch word {
        case "-csv": ["--format", "csv"]
        case "-tsv", "-tabs": ["--format", "tsv"]
        case "-json": ["--format", "json"]
        case "-jsonl", "-jsonlines": ["--format", "jsonl"]
        case "-markdown": ["--format", "markdown"]
        case "-table", "-box": ["--format", "table"]
        case "-line": ["--format", "line"]
        case "-header", "-headers": ["--header"]
        case "-noheader": ["--no-header"]
        case "-nullvalue": ["--nullvalue"]
        case "-echo": ["--echo"]
        case "-bom": ["--bom"]
        case "-version": ["--version"]
        case "-help": ["--help"]
        default: nil
        }
    }

    /// Options whose next word is their value, so never rewritten (`-e -csv` is a query).
    static func takesValue(_ word: String) -> Bool {
        switch word {
        case "-e", "-c", "--execute", "-f", "-o", "--output", "--format", "--data", "--nullvalue", "-nullvalue", "--table":
            true
        default: false
        }
    }

    static func rewrite(_ arguments: [String]) -> [String] {
        var out: [String] = []
        var i = 0
        while i < arguments.count {
            let word = arguments[i]
            if word == "--" {
                out += arguments[i...]
                break
            }
            out += words(word) ?? [word]
            if takesValue(word), i + 1 < arguments.count {
                out.append(arguments[i + 1])
                i += 1
            }
            i += 1
        }
        return out
    }
}
