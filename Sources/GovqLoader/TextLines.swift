/// A report's decoded text as lines of bytes: what every reader of the loader scans.
import CGovqText
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A run of a report's bytes. Slices of an unsafe buffer, not of an array: an `ArraySlice`
/// retains its array at every copy, and the scanner copies slices at every step.
typealias Bytes = Slice<UnsafeBufferPointer<UInt8>>

/// Owns a report's bytes for as long as a `TextLines` over them lives: a copy of an array, or
/// a file read straight into it (no array, no copy, for the common case of a UTF-8 file).
final class ByteStorage: @unchecked Sendable {
    private let base: UnsafeMutablePointer<UInt8>
    private(set) var buffer: UnsafeBufferPointer<UInt8>

    init(_ bytes: [UInt8]) {
        base = .allocate(capacity: max(bytes.count, 1))
        _ = UnsafeMutableBufferPointer(start: base, count: bytes.count).initialize(from: bytes)
        buffer = UnsafeBufferPointer(start: base, count: bytes.count)
    }

    /// A file's bytes, or nil when it cannot be read. The file may grow or shrink while it is
    /// read: it is read to the end, whatever its size said.
    init?(contentsOf file: String) {
        let fd = open(file, O_RDONLY | O_NONBLOCK)   // a FIFO is refused below, not waited on
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        // One byte more than the size, so that the read that finds the end needs no growing.
        var capacity = Int(st.st_size) + 1
        var base = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        var filled = 0
        while true {
            if filled == capacity {
                let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
                grown.update(from: base, count: filled)
                base.deallocate()
                base = grown
                capacity *= 2
            }
            let asked = capacity - filled
            let n = read(fd, base + filled, asked)
            if n < 0 { if errno == EINTR { continue }; base.deallocate(); return nil }
            if n == 0 { break }
            filled += n
            // A short read that ends where fstat said the file ends is its end: no second
            // read() to be told so (one system call in five a file). Anything else (grown,
            // shrunk, a read cut short) reads on until read() says 0.
            if n < asked, filled == Int(st.st_size) { break }
        }
        self.base = base
        buffer = UnsafeBufferPointer(start: base, count: filled)
    }

    deinit { base.deallocate() }
}

/// The decoded text as byte ranges, one per line, without `\n` or a trailing `\r`.
/// Whoever reads slices of it keeps the `TextLines` alive meanwhile (a parameter is).
struct TextLines {
    let bytes: UnsafeBufferPointer<UInt8>
    private let storage: ByteStorage
    private(set) var ranges: [Range<Int>] = []

    init(_ array: [UInt8]) { self.init(ByteStorage(array)) }

    /// Lines over bytes already held (a file read into `storage`, decoded in place). A text is
    /// split in one C pass that also makes the first tests of page furniture and of a section
    /// heading, so that only the lines passing them are read again (`govq_lines`; with form
    /// feeds, on the lines as they are cut below); `careful` splits and tests every line in
    /// Swift, as the differential tests compare.
    init(_ storage: ByteStorage, careful: Bool = false) {
        self.storage = storage
        let bytes = storage.buffer
        self.bytes = bytes
        let formFed = bytes.baseAddress.map { memchr($0, 0x0C, bytes.count) != nil } ?? false
        var furnitureCandidates: [Int]?
        if !careful {
            var candidates: [Int] = []
            (ranges, candidates, headingCandidates) = Self.split(bytes, formFed: formFed)
            if !formFed {
                furniture = PageFurniture.find(self, formFeeds: [], candidates: candidates)
                return
            }
            furnitureCandidates = candidates
        } else {
            ranges = Self.carefulRanges(bytes)
        }
        // Form feeds (page breaks of a PDF export) are cut off the lines they start or end;
        // the furniture they bring (page numbers, running headers) is marked, never a cell.
        var formFeeds: [UInt8] = []
        if formFed {
            formFeeds = Array(repeating: 0, count: ranges.count)
            for i in 0..<ranges.count {
                var r = ranges[i]
                while r.lowerBound < r.upperBound, bytes[r.lowerBound] == 0x0C {
                    r = (r.lowerBound + 1)..<r.upperBound
                    formFeeds[i] |= PageFurniture.leadingFormFeed
                }
                while r.lowerBound < r.upperBound, bytes[r.upperBound - 1] == 0x0C || bytes[r.upperBound - 1] == 0x0D {
                    if bytes[r.upperBound - 1] == 0x0C { formFeeds[i] |= PageFurniture.trailingFormFeed }
                    r = r.lowerBound..<(r.upperBound - 1)
                }
                ranges[i] = r
            }
        }
        furniture = PageFurniture.find(self, formFeeds: formFeeds, candidates: furnitureCandidates)
    }

    /// The lines split in Swift, one memchr a line: the reference `govq_lines` is checked against.
    private static func carefulRanges(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        ranges.reserveCapacity(bytes.count / 16)
        // memchr finds the newlines several bytes at a time.
        while start < bytes.count, let base = bytes.baseAddress,
              let hit = memchr(base + start, 0x0A, bytes.count - start) {
            let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            ranges.append(start..<(i > start && bytes[i - 1] == 0x0D ? i - 1 : i))
            start = i + 1
        }
        if start < bytes.count {
            let end = bytes.last == 0x0D ? bytes.count - 1 : bytes.count
            ranges.append(start..<max(start, end))
        }
        return ranges
    }

    /// The lines `govq_lines` splits `bytes` into, and the lines that pass its first tests of
    /// page furniture and of a heading, written straight into the arrays (a `Range<Int>` is its
    /// two bounds, in order; an `Int` is 64 bits here).
    private static func split(_ bytes: UnsafeBufferPointer<UInt8>, formFed: Bool) -> ([Range<Int>], [Int], [Int]) {
        precondition(MemoryLayout<Range<Int>>.stride == 16 && MemoryLayout<Range<Int>>.offset(of: \Range<Int>.lowerBound) == 0
                     && MemoryLayout<Int>.size == 8)
        // Room for a line every ten bytes: the generated reports' densest is one in twelve (a
        // line in 24 was too few for one report in six, each then split twice).
        var capacity = bytes.count / 10 + 16
        while true {
            var needed = 0, furnitureCount = 0, headingCount = 0
            var headings: [Int] = []
            var furniture: [Int] = []
            let ranges = [Range<Int>](unsafeUninitializedCapacity: capacity) { r, initialized in
                furniture = [Int](unsafeUninitializedCapacity: capacity) { f, fCount in
                    headings = [Int](unsafeUninitializedCapacity: capacity) { h, hCount in
                        needed = govq_lines(bytes.baseAddress, bytes.count, formFed ? 1 : 0, UnsafeMutableRawPointer(r.baseAddress!).assumingMemoryBound(to: Int64.self),
                                            capacity, UnsafeMutableRawPointer(f.baseAddress!).assumingMemoryBound(to: Int64.self), &furnitureCount,
                                            UnsafeMutableRawPointer(h.baseAddress!).assumingMemoryBound(to: Int64.self), &headingCount)
                        hCount = needed <= capacity ? headingCount : 0
                    }
                    fCount = needed <= capacity ? furnitureCount : 0
                }
                initialized = min(needed, capacity)
            }
            if needed <= capacity { return (ranges, furniture, headings) }
            capacity = needed
        }
    }

    /// The lines that may be section headings (`govq_lines`' first test), or nil when every
    /// line is to be tested.
    private(set) var headingCandidates: [Int]?

    /// For a text rewritten from another (a flattened table, one row a line): the original
    /// line of each line, and the lines whose cells the identities recovered.
    var lineMap: [Int] = []
    var recoveredLines: Set<Int> = []

    /// The line of the file that line `i` came from.
    func originalLine(_ i: Int) -> Int { lineMap.isEmpty ? i : lineMap[i] }

    /// Lines that carry nothing (pictures, page numbers, running headers), by index; empty
    /// when the text has none.
    private(set) var furniture: [Bool] = []

    /// Whether line `i` carries nothing: a picture the export left, or page furniture.
    func carriesNothing(_ i: Int) -> Bool { furniture.isEmpty ? false : furniture[i] }

    /// The line that holds byte `offset` (the last line starting at or before it).
    func line(at offset: Int) -> Int {
        var lo = 0, hi = ranges.count
        while lo + 1 < hi {
            let mid = (lo + hi) / 2
            if ranges[mid].lowerBound <= offset { lo = mid } else { hi = mid }
        }
        return lo
    }

    var count: Int { ranges.count }
    subscript(i: Int) -> Bytes { bytes[ranges[i]] }
    func text(_ i: Int) -> String { String(decoding: self[i], as: UTF8.self) }

    /// The line as a diagnostic shows it: a tab becomes one space, so that columns (counted in
    /// scalars) and carets stay under the right character.
    func sourceLine(_ i: Int) -> String {
        String(decoding: self[i].map { $0 == 0x09 ? 0x20 : $0 }, as: UTF8.self)
    }

    /// `[image: …]` lines are pictures the text export left behind: they carry nothing.
    func isImage(_ i: Int) -> Bool { self[i].starts(with: Self.imageMarker) }
    static let imageMarker = Array("[image:".utf8)
}
