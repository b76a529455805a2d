/// Output files never replace what is not a plain file and never follow a planted link
/// (issue 13, item 1): `-o`, `export -o`, `index -o` and the rebuild of a stale snapshot, run on
/// the built govq against links, device nodes (made with mknod in a scratch folder, never the
/// real /dev; glibc numbers 1:7 as 1 << 8 | 7), FIFOs, temporary names guessed from the next
/// PIDs, modes and killed runs.
import Foundation
@testable import GovqOutput
import Testing

@Suite("Output files: plain files only", .serialized)
struct OutputSafetyTests {
    /// The three commands that write a file, each with a target name of its kind.
    struct Writer: CustomStringConvertible, Sendable {
        var description: String
        var target: String
        var arguments: @Sendable (String) -> [String]
        /// What the written file starts with (a CSV header, the snapshot's magic number).
        var starts: String
    }

    static let writers = [
        Writer(description: "-o", target: "out.csv", arguments: { ["--data", Shell.samples, "-e", "count reports", "-o", $0] },
               starts: "count reports\r\n5\r\n"),
        Writer(description: "export -o", target: "out.csv", arguments: { ["--data", Shell.samples, "export", "-o", $0] },
               starts: "file,district,unit,year,template,status,province,city,county,adcode,level,body_kind,applicant,outcome,count\r\n"),
        Writer(description: "index -o", target: "out.govq", arguments: { ["index", Shell.samples, "-o", $0] }, starts: "GOVQ"),
    ]

    /// The names the old writers used, `<target>.<pid>.tmp`, planted as links to a victim for
    /// govq's own PID (the shell `exec`s govq, so `$$` is it) and the next few: the victim stays
    /// as it was, and the output is a new plain file.
    @Test(arguments: writers) func plantedLinksForTheNextPIDs(_ w: Writer) throws {
        let folder = try Hardening.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let victim = folder.appendingPathComponent("victim").path
        try Data("precious\n".utf8).write(to: URL(fileURLWithPath: victim))
        let arguments = w.arguments(w.target).map { "'\($0)'" }.joined(separator: " ")
        let r = try Shell.run("""
            for i in 0 1 2 3 4 5 6 7; do ln -s victim "\(w.target).$(($$ + i)).tmp"; ln -s victim "\(w.target).$(($$ + i))"; done
            exec "$GOVQ" \(arguments)
            """, in: folder)
        #expect(r.status == 0, "\(r.err)")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
        let written = try Data(contentsOf: folder.appendingPathComponent(w.target))
        #expect(String(decoding: written.prefix(w.starts.utf8.count), as: UTF8.self) == w.starts)
        #expect(Shell.type(folder.appendingPathComponent(w.target).path) == S_IFREG)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(names.filter { $0.hasPrefix(w.target + ".") }.count == 16, "the planted links are left as they were")
        #expect(names.filter { $0.contains(".govq-") } == [])
    }

    /// A link at the target itself is refused, not replaced and not written through.
    @Test(arguments: writers) func aLinkAtTheTargetIsRefused(_ w: Writer) throws {
        let folder = try Hardening.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let victim = folder.appendingPathComponent("victim").path
        try Data("precious\n".utf8).write(to: URL(fileURLWithPath: victim))
        let target = folder.appendingPathComponent(w.target).path
        #expect(symlink(victim, target) == 0)
        let r = try Govq.run(w.arguments(w.target), in: folder)
        #expect(r.status == 1)
        #expect(r.err.hasSuffix("error: cannot write '\(w.target)': is a symbolic link; govq does not write through links (name the file it points to)\n"))
        #expect(Shell.type(target) == S_IFLNK)
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
    }

    /// Device nodes and a FIFO at the target: refused (a FIFO without blocking), left in place.
    @Test(arguments: writers) func devicesAndFIFOsAreRefused(_ w: Writer) throws {
        let folder = try Hardening.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent(w.target).path
        for (kind, make, reason) in [
            ("full", { mknod(target, S_IFCHR | 0o666, dev_t(1 << 8 | 7)) }, "is a device; govq writes only plain files (or standard output)"),
            ("null", { mknod(target, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) }, "is a device; govq writes only plain files (or standard output)"),
            ("fifo", { mkfifo(target, 0o644) }, "is a FIFO (named pipe); govq writes only plain files (or standard output)"),
        ] as [(String, () -> Int32, String)] {
            #expect(make() == 0, "\(kind)")
            let expectedType = kind == "fifo" ? S_IFIFO : S_IFCHR
            let r = try Govq.run(w.arguments(w.target), in: folder)
            #expect(r.status == 1, "\(kind)")
            #expect(r.err.hasSuffix("error: cannot write '\(w.target)': \(reason)\n"), "\(kind): \(r.err)")
            #expect(Shell.type(target) == expectedType, "\(kind)")
            unlink(target)
        }
    }

    /// `-o /dev/stdout` (a link to whatever fd 1 is) writes to standard output in place.
    @Test func standardOutputByName() throws {
        let folder = try Hardening.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try Shell.run("\"$GOVQ\" --data \"$SAMPLES\" --format csv -e 'count reports' -o /dev/stdout | cat", in: folder)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out == "count reports\r\n5\r\n")
    }

    /// An existing file keeps its permission bits; a new one gets 0666 less the umask.
    @Test(arguments: writers) func modesAreKept(_ w: Writer) throws {
        let folder = try Hardening.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent(w.target).path
        for mode: mode_t in [0o600, 0o640, 0o604] {
            try Data("old\n".utf8).write(to: URL(fileURLWithPath: target))
            #expect(chmod(target, mode) == 0)
            let r = try Govq.run(w.arguments(w.target), in: folder)
            #expect(r.status == 0, "\(r.err)")
            #expect(Shell.mode(target) == mode)
        }
        unlink(target)
        let r = try Shell.run("umask 027; \"$GOVQ\" " + w.arguments(w.target).map { "'\($0)'" }.joined(separator: " "), in: folder)
        #expect(r.status == 0, "\(r.err)")
        #expect(Shell.mode(target) == 0o640)
    }

    /// A temporary file a killed run left is removed by the next run into that folder; one a
    /// running writer holds (locked), a link of that shape, and another user's file are kept.
    @Test func abandonedTemporaryFilesAreRemoved() throws {
        let folder = try Hardening.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let victim = folder.appendingPathComponent("victim").path
        try Data("precious\n".utf8).write(to: URL(fileURLWithPath: victim))
        let abandoned = folder.appendingPathComponent(".out.csv.govq-AbCdEf012345.tmp").path
        let held = folder.appendingPathComponent(".other.csv.govq-ZZZZZZ999999.tmp").path
        let link = folder.appendingPathComponent(".x.csv.govq-aaaaaaaaaaaa.tmp").path
        let foreign = folder.appendingPathComponent(".y.csv.govq-bbbbbbbbbbbb.tmp").path
        try Data("half a file".utf8).write(to: URL(fileURLWithPath: abandoned))
        try Data("being written".utf8).write(to: URL(fileURLWithPath: held))
        try Data("someone else's".utf8).write(to: URL(fileURLWithPath: foreign))
        #expect(chown(foreign, 65534, 65534) == 0)
        #expect(symlink(victim, link) == 0)
        let fd = open(held, O_RDONLY)
        #expect(fd >= 0 && flock(fd, LOCK_EX) == 0)
        defer { close(fd) }
        let r = try Govq.run(["--data", Shell.samples, "-e", "count reports", "-o", "out.csv"], in: folder)
        #expect(r.status == 0, "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: abandoned))
        #expect(Shell.type(held) == S_IFREG)
        #expect(Shell.type(link) == S_IFLNK)
        #expect(Shell.type(foreign) == S_IFREG)
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
    }

    /// The rebuild of a stale snapshot reached through a link answers, but never replaces the
    /// link; with the old PID names planted, the victim is untouched.
    @Test func staleSnapshotBehindALinkIsNotReplaced() throws {
        let folder = try Hardening.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let texts = folder.appendingPathComponent("texts")
        try FileManager.default.createDirectory(at: texts, withIntermediateDirectories: true)
        try Data(Hardening.base.utf8).write(to: texts.appendingPathComponent("a.txt"))
        var r = try Govq.run(["index", texts.path, "-o", "real.govq"], in: folder)
        #expect(r.status == 0, "\(r.err)")
        #expect(symlink("real.govq", folder.appendingPathComponent("link.govq").path) == 0)
        // Stale: a second report appears.
        try Data(Hardening.base.replacingOccurrences(of: "某某市示范区", with: "另一区").utf8).write(to: texts.appendingPathComponent("b.txt"))
        let before = try Data(contentsOf: folder.appendingPathComponent("real.govq"))
        r = try Govq.run(["--data", "link.govq", "--format", "csv", "-e", "count reports"], in: folder)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out == "count reports\r\n2\r\n")
        #expect(r.err.contains("warning: snapshot 'link.govq' was not rewritten: is a symbolic link"))
        #expect(Shell.type(folder.appendingPathComponent("link.govq").path) == S_IFLNK)
        #expect(try Data(contentsOf: folder.appendingPathComponent("real.govq")) == before)
    }

    @Test func temporaryNamesAreRecognised() {
        let cases: [(String, Bool)] = [
            (".out.csv.govq-AbCdEf012345.tmp", true), (".a.govq-000000000000.tmp", true),
            ("out.csv.govq-AbCdEf012345.tmp", false), (".out.csv.govq-AbCdEf01234.tmp", false),
            (".out.csv.govq-AbCdEf01234!.tmp", false), (".out.csv.12345.tmp", false), (".govq-AbCdEf012345.tmp", false),
        ]
        for (name, expected) in cases { #expect(TemporaryFiles.isTemporaryName(Array(name.utf8)) == expected, "\(name)") }
    }
}
