/// Columns produced when first used: a snapshot opened for one query hashes no dictionary and
/// widens no count column it does not read.
import Foundation

/// The value → code map of a column that has not needed one yet, built once on first use
/// (from any thread). Only consulted while the column is unchanged: a mutation copies it out.
final class DeferredIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var built: [String: UInt32]?

    var isBuilt: Bool {
        lock.lock()
        defer { lock.unlock() }
        return built != nil
    }

    func map(_ values: [String]) -> [String: UInt32] {
        lock.lock()
        defer { lock.unlock() }
        if let built { return built }
        var index: [String: UInt32] = [:]
        index.reserveCapacity(values.count)
        for (i, v) in values.enumerated() { index[v] = UInt32(i) }
        built = index
        return index
    }
}

/// A dimension's codes (one per report) read from a snapshot when a query first reads them:
/// a query that groups by district reads no unit, file or place codes. `decode` gives the codes,
/// or zeros with the region's failure recorded (the answer is then refused, as for counts).
public final class DeferredCodes: @unchecked Sendable {
    private let lock = NSLock()
    private var decoded: [UInt32]?
    private let decode: @Sendable () -> [UInt32]
    /// One report's code, read where it is stored; nil: decode the column.
    private let one: (@Sendable (Int) -> UInt32)?
    private var readAlone = 0

    public init(_ decode: @escaping @Sendable () -> [UInt32], one: (@Sendable (Int) -> UInt32)? = nil) {
        self.decode = decode
        self.one = one
    }

    /// Report `r`'s code. A query's warning names three reports: their codes are read alone,
    /// not the column of 10^4 widened to 40 KB of fresh pages. Past a few, the column is decoded.
    public func code(_ r: Int) -> UInt32 {
        lock.lock()
        if let decoded {
            lock.unlock()
            return decoded[r]
        }
        if let one, readAlone < 64 {
            readAlone += 1
            lock.unlock()
            return one(r)
        }
        lock.unlock()
        return codes[r]
    }

    public var codes: [UInt32] {
        lock.lock()
        defer { lock.unlock() }
        if let decoded { return decoded }
        let c = decode()
        decoded = c
        return c
    }
}

/// The count columns of a fact table, one `[Int32]` per cell: held in memory, or produced on
/// first access by a `DeferredCounts` (then materialised whole before any change).
public struct CountColumns: RandomAccessCollection, Sendable, Equatable {
    private var held: [[Int32]]
    private var deferred: DeferredCounts?

    init(_ columns: [[Int32]]) { held = columns }
    init(deferred: DeferredCounts) { held = []; self.deferred = deferred }

    public var startIndex: Int { 0 }
    public var endIndex: Int { deferred?.count ?? held.count }

    public subscript(cell: Int) -> [Int32] {
        get { deferred?.column(cell) ?? held[cell] }
        _modify {
            materialise()
            yield &held[cell]
        }
    }

    /// Readies `cells` before a scan reads them (widens a snapshot's columns in parallel; a
    /// snapshot whose columns a scan reads in place needs nothing).
    public func prefetch(_ cells: [Int], sums: [Int] = []) {
        guard let deferred else { return }
        let wanted = Array(Set(cells)).sorted()
        if deferred.stored == nil { deferred.prefetch(wanted) } else { deferred.prepareStored(wanted, sums: sums) }
    }

    /// Whether a snapshot stores the table's `CellSums` (a scan may then read them).
    public var hasStoredSums: Bool { deferred?.sums != nil }

    /// The stored bytes of `CellSums.of(table)[j]` (nil: not stored, as for a sum too large
    /// for 32 bits, or for columns held in memory): valid while the cube lives.
    public func storedSum(_ j: Int) -> CountColumnView? { deferred?.sums?(j) }

    /// A snapshot's stored bytes of one column (nil for columns held in memory): the pointers
    /// stay valid while the cube lives, so a scan may keep them across chunks.
    public func storedView(_ cell: Int) -> CountColumnView? { deferred?.stored?(cell) }

    /// One column as a scan reads it: a snapshot's stored bytes in their own width when it has
    /// them (no widened copy, no fresh memory), else the held `Int32`s.
    public func withColumn<R>(_ cell: Int, _ body: (CountColumnView) -> R) -> R {
        if let view = deferred?.stored?(cell) { return body(view) }
        return self[cell].withUnsafeBufferPointer { body($0.baseAddress.map { .i32($0) } ?? .zeros) }
    }

    /// Appends one report: `values[cell]`, a missing cell as 0. One pass with the columns held
    /// open, rather than a subscript access (and its uniqueness checks) per cell.
    mutating func appendReport(_ values: [Int32?]) {
        materialise()
        held.withUnsafeMutableBufferPointer { columns in
            for c in 0..<columns.count { columns[c].append(values[c] ?? 0) }
        }
    }

    private mutating func materialise() {
        guard let d = deferred else { return }
        held = (0..<d.count).map(d.column)
        deferred = nil
    }

    public static func == (a: CountColumns, b: CountColumns) -> Bool { a.elementsEqual(b) }
}

/// A count column in the width it is stored in (a snapshot keeps each in the narrowest that
/// holds it), native byte order. The pointers stay valid while the cube that gave them lives.
public enum CountColumnView {
    case zeros
    case u8(UnsafePointer<UInt8>)
    case u16(UnsafePointer<UInt16>)
    case i32(UnsafePointer<Int32>)
}

/// Count columns decoded one at a time, when first asked for, and kept.
public final class DeferredCounts: @unchecked Sendable {
    public let count: Int
    private let decode: @Sendable (Int) -> [Int32]
    /// The stored bytes of a column, for scans that read them in place (nil: widen it).
    let stored: (@Sendable (Int) -> CountColumnView?)?
    /// The stored bytes of the table's `CellSums` (nil: none stored).
    let sums: (@Sendable (Int) -> CountColumnView?)?
    private let lock = NSLock()
    private var columns: [[Int32]?]

    public init(count: Int, decode: @escaping @Sendable (Int) -> [Int32],
                stored: (@Sendable (Int) -> CountColumnView?)? = nil,
                sums: (@Sendable (Int) -> CountColumnView?)? = nil) {
        self.count = count
        self.decode = decode
        self.stored = stored
        self.sums = sums
        columns = Array(repeating: nil, count: count)
    }

    func column(_ cell: Int) -> [Int32] {
        lock.lock()
        let known = columns[cell]
        lock.unlock()
        if let known { return known }
        // Decoded outside the lock, so that several columns decode at once (two threads may
        // decode the same one; the first kept wins, both are equal).
        let c = decode(cell)
        lock.lock()
        defer { lock.unlock() }
        if let first = columns[cell] { return first }
        columns[cell] = c
        return c
    }

    /// Decodes `cells` on every core.
    func prefetch(_ cells: [Int]) {
        DispatchQueue.concurrentPerform(iterations: cells.count) { _ = column(cells[$0]) }
    }

    /// Asks for the stored bytes of `cells` on every core: a snapshot verifies each column's
    /// checksum on its first read, so a scan's columns are verified in parallel before it.
    func prepareStored(_ cells: [Int], sums wanted: [Int]) {
        guard let stored, cells.count + wanted.count > 1 else { return }
        DispatchQueue.concurrentPerform(iterations: cells.count + wanted.count) { i in
            if i < cells.count { _ = stored(cells[i]) } else { _ = sums?(wanted[i - cells.count]) }
        }
    }
}
