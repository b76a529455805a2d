/// What the dynamic loader maps when govq starts: only the libraries every run needs. GNU
/// readline (the REPL), libxml2 with ICU (HTML and DOCX) and poppler (PDF) are loaded with
/// dlopen when first used, so a query run never maps or relocates them. The loader's own list
/// (`LD_TRACE_LOADED_OBJECTS=1`, which is what `ldd` prints) is read from the built binary.
import Foundation
import Testing

@Suite struct StartupLibraryTests {
    /// The libraries ld.so would load at start, by file name (`libc.so.6`, …).
    static func startLibraries() throws -> [String] {
        let run = try GovqProcess.run(["--version"], environment: ["LD_TRACE_LOADED_OBJECTS": "1"])
        #expect(run.status == 0)
        // Lines like "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x…)".
        return run.stdout.split(separator: "\n").compactMap { line in
            line.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init)
        }
    }

    @Test func aQueryRunMapsNoReaderOrREPLLibrary() throws {
        let libraries = try Self.startLibraries()
        // The trace did list what the binary needs (it is not an empty or failed run).
        #expect(libraries.contains { $0.hasPrefix("libc.so") }, "\(libraries)")
        for unwanted in ["libreadline", "libtinfo", "libxml2", "libicu", "liblzma", "libpoppler", "libglib", "libcairo"] {
            #expect(!libraries.contains { $0.hasPrefix(unwanted) }, "\(unwanted) is loaded at start: \(libraries)")
        }
    }

    /// The same report (淮安市洪泽区 2024, 95 new applications in the hand-read truth of
    /// Tests/GovqDocumentTests/Fixtures) as a web page, a Word file and a PDF: each reader loads
    /// its library (libxml2's HTML parser, its XML parser, poppler) on its first file.
    @Test(arguments: ["hongze_2024_gbk.html", "hongze_2024.docx", "hongze_2024.pdf"])
    func aReaderLoadsItsLibraryWhenItFirstReadsAFile(fixture: String) throws {
        let path = GovqProcess.root.appendingPathComponent("Tests/GovqDocumentTests/Fixtures").appendingPathComponent(fixture).path
        let run = try GovqProcess.run(["--data", path, "--format", "csv", "-e", "sum new"])
        #expect(run.stdout == "new\r\n95\r\n", "\(run.stderr)")
        #expect(run.status == 0)
        #expect(!run.stderr.contains("cannot be loaded"), "\(run.stderr)")
    }
}
