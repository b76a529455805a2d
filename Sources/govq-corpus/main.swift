/// `govq-corpus -n COUNT [--seed N] -o DIR [--page-furniture]`: writes COUNT generated annual-report texts under
/// DIR (1,000 per folder) and DIR/truth.jsonl, the answer key. Same seed, same bytes. `--first K`
/// writes reports K..<K+COUNT only (the same bytes as in a corpus of K+COUNT).
import Foundation
import GovqCorpus

var count = 1000, first = 0, seed: UInt64 = 1, dir: String?, pageFurniture = false
var args = CommandLine.arguments.dropFirst()
func usage() -> Never {
    FileHandle.standardError.write("usage: govq-corpus -n COUNT [--first K] [--seed N] -o DIR [--page-furniture]\n".data(using: .utf8)!)
    exit(2)
}
while let a = args.popFirst() {
    switch a {
    case "-n", "--count": guard let v = args.popFirst().flatMap({ Int($0) }), v >= 0 else { usage() }; count = v
    case "--first": guard let v = args.popFirst().flatMap({ Int($0) }), v >= 0 else { usage() }; first = v
    case "--seed": guard let v = args.popFirst().flatMap({ UInt64($0) }) else { usage() }; seed = v
    case "-o", "--output": guard let v = args.popFirst() else { usage() }; dir = v
    case "--page-furniture": pageFurniture = true
    case "-h", "--help": print("usage: govq-corpus -n COUNT [--first K] [--seed N] -o DIR [--page-furniture]"); exit(0)
    default: usage()
    }
}
guard let dir else { usage() }
let start = Date()
if first + count > CorpusGenerator.distinctReports {
    FileHandle.standardError.write(("warning: \(first + count) reports but only \(CorpusGenerator.distinctReports) distinct (unit, year) pairs: "
        + "govq counts each repeat once\n").data(using: .utf8)!)
}
do {
    let summary = try CorpusGenerator(seed: seed, pageFurniture: pageFurniture).writeCorpus(count: count, first: first, to: dir) { done in
        if count >= 100_000 { FileHandle.standardError.write("\(done) of \(count) reports\n".data(using: .utf8)!) }
    }
    let seconds = Date().timeIntervalSince(start)
    FileHandle.standardError.write(String(format: "wrote %d reports (%.1f MB, %d broken on purpose) to %@ in %.1f s\n",
                                          summary.reports, Double(summary.bytes) / 1e6, summary.broken, dir, seconds).data(using: .utf8)!)
} catch {
    FileHandle.standardError.write("error: \(error)\n".data(using: .utf8)!)
    exit(1)
}
