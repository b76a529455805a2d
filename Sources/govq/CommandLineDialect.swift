/// sqlite3's and DuckDB's spellings on govq's command line. Their options are single-dash words
/// (`-csv`, `-header`, `-nullvalue TEXT`), which swift-argument-parser would read as bundles of
/// short flags; so argv is rewritten to govq's own options before parsing, a word at a time,
/// never inside an option's value and never after `--`.
enum CommandLineDialect {
    /// Each sqlite3/DuckDB word and what govq spells it as.
    static let words: [String: [String]] = [
        "-csv": ["--format", "csv"],
        "-tsv": ["--format", "tsv"],
        "-tabs": ["--format", "tsv"],
        "-json": ["--format", "json"],
        "-jsonl": ["--format", "jsonl"],
        "-jsonlines": ["--format", "jsonl"],
        "-markdown": ["--format", "markdown"],
        "-table": ["--format", "table"],
        "-box": ["--format", "table"],
        "-line": ["--format", "line"],
        "-header": ["--header"],
        "-headers": ["--header"],
        "-noheader": ["--no-header"],
        "-nullvalue": ["--nullvalue"],
        "-echo": ["--echo"],
        "-bom": ["--bom"],
        "-version": ["--version"],
        "-help": ["--help"],
    ]

    /// Options whose next word is their value, so never rewritten (`-e -csv` is a query).
    static let takesValue: Set<String> = [
        "-e", "-c", "--execute", "-f", "-o", "--output", "--format", "--data", "--nullvalue", "-nullvalue", "--table",
    ]

    static func rewrite(_ arguments: [String]) -> [String] {
        var out: [String] = []
        var i = 0
        while i < arguments.count {
            let word = arguments[i]
            if word == "--" {
                out += arguments[i...]
                break
            }
            out += words[word] ?? [word]
            if takesValue.contains(word), i + 1 < arguments.count {
                out.append(arguments[i + 1])
                i += 1
            }
            i += 1
        }
        return out
    }
}
