/// A report's decoded text as lines of bytes: what every reader of the loader scans.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A run of a report's bytes. Slices of an unsafe buffer, not of an array: an `ArraySlice`
/// retains its array at every copy, and the scanner copies slices at every step.
typealias Bytes = Slice<UnsafeBufferPointer<UInt8>>

/// Owns a copy of a report's decoded bytes for as long as a `TextLines` over them lives.
final class ByteStorage: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<UInt8>
    init(_ bytes: [UInt8]) {
        let b = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        _ = b.initialize(from: bytes)
        buffer = UnsafeBufferPointer(rebasing: b[0..<bytes.count])
    }
    deinit { buffer.baseAddress.map { UnsafeMutablePointer(mutating: $0).deallocate() } }
}

/// The decoded text as byte ranges, one per line, without `\n` or a trailing `\r`.
/// Whoever reads slices of it keeps the `TextLines` alive meanwhile (a parameter is).
struct TextLines {
    let bytes: UnsafeBufferPointer<UInt8>
    private let storage: ByteStorage
    private(set) var ranges: [Range<Int>] = []

    init(_ array: [UInt8]) {
        storage = ByteStorage(array)
        let bytes = storage.buffer
        self.bytes = bytes
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
