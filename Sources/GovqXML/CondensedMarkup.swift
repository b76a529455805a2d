/// A document with the bytes no reader looks at taken out before libxml2 sees it (attribute
/// lists of HTML tags, script bodies, Word's run formatting), and the way back from an offset
/// in what was parsed to the same byte in the file. The readers' condensers cut only where
/// libxml2 would give the reader the same events either way; a cut never falls inside text,
/// so a text run's bytes are the file's own, at the mapped offset.
internal import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public struct CondensedMarkup {
    /// What libxml2 parses.
    public private(set) var bytes: [UInt8] = []
    /// Segments copied whole: `parsed[i]` in `bytes` is `original[i]` in the file, up to the
    /// next segment.
    private var parsed: [Int] = [0]
    private var original: [Int] = [0]
    private var copied = 0
    private let input: UnsafeBufferPointer<UInt8>

    /// Starts a copy of `input`, to be cut with `cut(_:)` in increasing order.
    public init(_ input: UnsafeBufferPointer<UInt8>) {
        self.input = input
        bytes.reserveCapacity(input.count / 2)
    }

    /// Leaves out `range` of the input (after the last cut).
    public mutating func cut(_ range: Range<Int>) {
        precondition(range.lowerBound >= copied && range.upperBound <= input.count)
        guard !range.isEmpty else { return }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[copied..<range.lowerBound]))
        copied = range.upperBound
        parsed.append(bytes.count)
        original.append(copied)
    }

    /// Copies the rest of the input: the document is ready to parse.
    public mutating func finish() {
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[copied...]))
        copied = input.count
    }

    /// Leaves out every range of `ranges` (in increasing order, empty ones skipped) and copies
    /// the rest: the document is ready to parse. In one allocation and one memcpy a piece.
    /// Without `keepingOffsets`, `originalOffset` is not kept up (a reader that never asks).
    public mutating func cutAll(_ ranges: [Range<Int>], keepingOffsets: Bool) {
        precondition(copied == 0 && bytes.isEmpty)
        var cut = 0, last = 0
        for r in ranges where !r.isEmpty {
            precondition(r.lowerBound >= last && r.upperBound <= input.count)
            cut += r.count
            last = r.upperBound
        }
        guard let base = input.baseAddress else { return }
        bytes = [UInt8](unsafeUninitializedCapacity: input.count - cut) { out, count in
            var from = 0
            func copy(_ upTo: Int) {
                memcpy(out.baseAddress! + count, base + from, upTo - from)
                count += upTo - from
            }
            for r in ranges where !r.isEmpty {
                copy(r.lowerBound)
                from = r.upperBound
                if keepingOffsets { parsed.append(count); original.append(from) }
            }
            copy(input.count)
        }
        copied = input.count
    }

    /// Whether anything was cut.
    public var isCut: Bool { parsed.count > 1 }

    /// The file's offset of the byte at `offset` in `bytes` (the end maps to the end).
    public func originalOffset(_ offset: Int) -> Int {
        var lo = 0, hi = parsed.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if parsed[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return original[lo] + (offset - parsed[lo])
    }
}

/// Byte classes the condensers share.
public enum MarkupBytes {
    @inlinable public static func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D }
    @inlinable public static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
    @inlinable public static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    /// No NUL or other C0 control but tab, line feed and return, and no U+FFFE/U+FFFF: bytes
    /// libxml2 reports and recovers from in ways the condensers do not model, so a document
    /// holding one is parsed whole.
    public static func hasOnlyPlainCharacters(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        // In C (SSE2, AVX2 where the CPU has it): the Swift word loop cost 1.8 instructions a byte.
        guard let base = p.baseAddress else { return true }
        return govq_plain_characters(base, p.count) != 0
    }

    /// `hasOnlyPlainCharacters` by the SSE2 path only (the tests compare the two).
    static func hasOnlyPlainCharactersSSE2(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = p.baseAddress else { return true }
        return govq_plain_characters_sse2(base, p.count) != 0
    }

    /// The index of the next `byte` at or after `from` (memchr).
    @inlinable public static func find(_ byte: UInt8, in p: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard from < p.count, let base = p.baseAddress, let hit = memchr(base + from, Int32(byte), p.count - from) else { return nil }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
    }
}
