/// An incremental update's new snapshot, written to its temporary file as it is made: each
/// region goes out (with its checksum taken) as soon as it is complete, from one buffer that
/// is used again, instead of the whole payload being built in memory first (at 10^5 reports
/// the 67 MB of fresh pages that took were most of an update's page faults). The header, which
/// holds the payload's length and the directory's checksum, is written last, at the start of
/// the file; the file is flushed and renamed into place only when all of it is out
/// (`OutputFile.commit`), so a reader still sees the old snapshot or the whole new one.
import CGovqFile
import GovqOutput
#if canImport(Glibc)
import Glibc
#endif

/// Where a snapshot's bytes go, in order: the payload, extra region and trailer appended from
/// the payload's offset on, then the header at the start, then `commit`. Tests make it fail.
protocol SnapshotSink: AnyObject {
    func append(_ bytes: UnsafeRawBufferPointer) throws
    func writeHead(_ bytes: [UInt8]) throws
    func commit() throws
}

extension SnapshotSink {
    func append(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try append($0) } }

    /// A snapshot already in its four parts (the careful path's encode).
    func write(_ parts: SnapshotParts) throws {
        for part in [parts.payload, parts.extra, parts.tail] { try append(part) }
        try writeHead(parts.head)
        try commit()
    }
}

/// Opens the sink for a snapshot at a path whose payload starts at an offset.
typealias SnapshotSinkOpener = (_ path: String, _ payloadAt: Int) throws -> SnapshotSink

/// The temporary file beside the snapshot (`OutputFile`: safe name, flushed, renamed). Every
/// few megabytes written, their write-back to disk is started (not waited for), so that most
/// of the file is on disk when `commit`'s `fsync` waits: the disk works while the rest of the
/// file is made. Durability is `commit`'s, as before: this only starts the writing earlier.
final class SnapshotFileSink: SnapshotSink {
    private let file: OutputFile
    /// Where the next byte goes, and how many before it are not yet handed to write-back.
    private var offset = 0, unstarted = 0
    static let writebackAt = 4 << 20

    init(path: String, payloadAt: Int) throws {
        file = try OutputFile(path: path)
        try seek(payloadAt)
    }

    /// The default `SnapshotSinkOpener`.
    static func open(_ path: String, payloadAt: Int) throws -> SnapshotSink { try SnapshotFileSink(path: path, payloadAt: payloadAt) }

    func append(_ bytes: UnsafeRawBufferPointer) throws {
        try file.write(bytes)
        offset += bytes.count
        unstarted += bytes.count
        if unstarted >= Self.writebackAt {
            // A failure here loses nothing: `fsync` writes whatever is left.
            _ = govq_start_writeback(file.fd, Int64(offset - unstarted), Int64(unstarted))
            unstarted = 0
        }
    }

    func writeHead(_ bytes: [UInt8]) throws {
        try seek(0)
        try file.write(bytes)
    }

    func commit() throws { try file.commit() }

    private func seek(_ to: Int) throws {
        guard lseek(file.fd, off_t(to), SEEK_SET) == off_t(to) else {
            throw SnapshotWriteError(path: file.path, reason: OutputFile.systemError())
        }
        offset = to
        unstarted = 0
    }
}

/// A write that failed below `OutputFile` (a seek).
struct SnapshotWriteError: Error, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String { "cannot write '\(path)': \(reason)" }
}

/// The payload written region by region: `begin`/`end` around each region as `RegionMarks`
/// does, the bytes in `w`; a finished region's checksum is taken, and the buffer goes to the
/// sink once it holds a megabyte or so (always at a region's end, so offsets stay 8-aligned).
struct PayloadStream {
    var w = ByteWriter()
    private let sink: SnapshotSink
    /// Bytes of the payload already handed to the sink.
    private var written = 0
    private var open: Int?
    private(set) var regions: [RegionMarks.Entry] = []
    static let flushAt = 1 << 20

    init(_ sink: SnapshotSink) {
        self.sink = sink
        w.bytes.reserveCapacity(2 * Self.flushAt)
    }

    mutating func begin() {
        w.align()
        open = w.bytes.count
    }

    mutating func end() throws {
        w.align()
        let start = open!, end = w.bytes.count
        let sum = w.bytes.withUnsafeBytes { Checksum.of(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
        regions.append(RegionMarks.Entry(start: written + start, length: end - start, sum: sum))
        open = nil
        if w.bytes.count >= Self.flushAt { try flush() }
    }

    private mutating func flush() throws {
        try sink.append(w.bytes)
        written += w.bytes.count
        w.bytes.removeAll(keepingCapacity: true)
    }

    /// Appends the directory, pads the payload, writes out the rest; the payload's length and
    /// the directory (for the header).
    mutating func finish() throws -> (length: Int, directory: [UInt8]) {
        let directory = RegionMarks.directory(regions)
        w.bytes += directory
        w.align()
        try flush()
        return (written, directory)
    }
}
