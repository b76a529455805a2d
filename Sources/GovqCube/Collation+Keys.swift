/// ICU sort keys for the locale `Collation.less` compares by. `less` goes through Foundation's
/// locale compare, about 6 µs a pair (a bridged string and a collator call each time), so ranking
/// the 3,000 characters of a snapshot's place names cost 90 ms of the index's serial end. A sort
/// key is made once per name, and keys compare as bytes in the order the collator compares the
/// names (ICU's contract: `ucol_getSortKey` orders as `ucol_strcoll`). That this is `less`'s order
/// is checked by `CollationKeyTests` on every character and name of the gazetteer; when the
/// collator cannot be opened (or a toolchain has no `_FoundationICU`) the names are compared by
/// `less` as before.
#if canImport(_FoundationICU)
import _FoundationICU
#endif

final class SortKeys {
    /// A collator of its own: a caller on each thread (the snapshot's regions rank their
    /// dictionaries in parallel), opened and closed with it.
    private let collator: OpaquePointer?
    private var units: [UInt16] = []
    private var buffer = [UInt8](repeating: 0, count: 64)

    init() {
        #if canImport(_FoundationICU)
        var status = U_ZERO_ERROR
        let opened = swift_ucol_open("zh_Hans_CN", &status)
        // Warnings (a fallback to `zh`'s rules, as Foundation gets) are below zero, errors above.
        collator = status.rawValue > U_ZERO_ERROR.rawValue ? nil : opened
        if collator == nil, let opened { swift_ucol_close(opened) }
        #else
        collator = nil
        #endif
    }

    deinit {
        #if canImport(_FoundationICU)
        if let collator { swift_ucol_close(collator) }
        #endif
    }

    var available: Bool { collator != nil }

    /// The name's sort key (without its terminating zero), or nil without a collator.
    func key(_ name: String) -> [UInt8]? {
        #if canImport(_FoundationICU)
        guard let collator else { return nil }
        units.removeAll(keepingCapacity: true)
        units.append(contentsOf: name.utf16)
        while true {
            let needed = units.withUnsafeBufferPointer { u in
                buffer.withUnsafeMutableBufferPointer { b in
                    Int(swift_ucol_getSortKey(collator, u.baseAddress, Int32(u.count), b.baseAddress, Int32(b.count)))
                }
            }
            if needed == 0 { return nil }
            if needed <= buffer.count { return Array(buffer[0..<(needed - 1)]) }
            buffer = [UInt8](repeating: 0, count: needed)
        }
        #else
        return nil
        #endif
    }

    /// The indices of `names` in `less` order: by key, equal keys by scalars (as `less` breaks
    /// a locale tie). Nil without a collator.
    func order(_ names: [String]) -> [Int]? {
        var keys: [[UInt8]] = []
        keys.reserveCapacity(names.count)
        for name in names {
            guard let k = key(name) else { return nil }
            keys.append(k)
        }
        return names.indices.sorted { a, b in
            keys[a] != keys[b] ? keys[a].lexicographicallyPrecedes(keys[b])
                               : names[a].unicodeScalars.lexicographicallyPrecedes(names[b].unicodeScalars)
        }
    }
}
