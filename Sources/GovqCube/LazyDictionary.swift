/// A dimension's dictionary (its strings and display ranks) that stays undecoded in a mapped
/// snapshot until a query needs it, and the record of a stored region that failed its checksum
/// when it was first read.
import Foundation

/// Where a lazily read column came from: the first stored region that did not verify when it
/// was read. A query whose answer read such a region must not be used (`QueryEngine` checks
/// this after every query and refuses the answer).
public final class CubeIntegrity: @unchecked Sendable {
    private let lock = NSLock()
    private var firstFailure: String?
    /// The snapshot the regions are read from, for messages.
    public let source: String

    public init(source: String) { self.source = source }

    /// The first region that failed verification (`the district dictionary`), nil when none has.
    public var failure: String? {
        lock.lock(); defer { lock.unlock() }
        return firstFailure
    }

    public func record(_ region: String) {
        lock.lock(); defer { lock.unlock() }
        if firstFailure == nil { firstFailure = region }
    }
}

/// Thrown in place of an answer that read a region of a snapshot whose checksum failed.
public struct CubeIntegrityError: Error, CustomStringConvertible {
    public var source: String
    public var region: String
    public init(source: String, region: String) {
        self.source = source
        self.region = region
    }
    public var description: String {
        "snapshot '\(source)' is corrupt: the checksum of its \(region) does not match (the answer was not used)"
    }
}

/// A dictionary decoded on first use. `strings` decodes it whole once (display of every member,
/// `where` matching); `string(at:)` decodes one entry without decoding the rest (the members a
/// grouped answer shows, the few files of 10^5 the account names); `ranks` copies the stored
/// display order without decoding any string.
public final class LazyDictionary: @unchecked Sendable {
    /// The number of entries (known without decoding: it is checked when the snapshot opens).
    public let count: Int
    private let decodeAll: @Sendable () -> [String]
    private let decodeRanks: @Sendable () -> [UInt32]?
    private let decodeOne: @Sendable (Int) -> String
    private let lock = NSLock()
    private var decoded: [String]?
    private var decodedRanks: [UInt32]??

    /// `all` must give `count` strings, `ranks` `count` ranks (or nil), `one(i)` entry i.
    public init(count: Int, all: @escaping @Sendable () -> [String], ranks: @escaping @Sendable () -> [UInt32]?,
                one: @escaping @Sendable (Int) -> String) {
        self.count = count
        decodeAll = all
        decodeRanks = ranks
        decodeOne = one
    }

    public var strings: [String] {
        lock.lock(); defer { lock.unlock() }
        if let decoded { return decoded }
        let d = decodeAll()
        decoded = d
        return d
    }

    public var ranks: [UInt32]? {
        lock.lock(); defer { lock.unlock() }
        if let decodedRanks { return decodedRanks }
        let r = decodeRanks()
        decodedRanks = .some(r)
        return r
    }

    public func string(at i: Int) -> String {
        lock.lock()
        let known = decoded
        lock.unlock()
        return known.map { $0[i] } ?? decodeOne(i)
    }
}
