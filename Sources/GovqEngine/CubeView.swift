/// The engine's view of a cube: the report dimensions as dense integer codes, their order
/// (collation ranks for Chinese text, numeric for years), and per-cube facts computed once and
/// reused by every query (ranks, year range, which missing-masks are empty).
import Foundation
import GovqCube

/// The per-report dimensions a query can group or filter on.
enum ReportDim: Int, CaseIterable, Sendable {
    case district, unit, year, template, file, status
    /// Geography (GovqGeo): text columns like district.
    case province, city, county, adcode, level, bodyKind

    var name: String {
        ["district", "unit", "year", "template", "file", "status", "province", "city", "county", "adcode", "level", "body_kind"][rawValue]
    }
    var isText: Bool { self != .year && self != .template }
    /// Dictionary-encoded from the reports' own text (district, unit, file, and the places).
    var isDictionary: Bool { isText && self != .status }
}

/// Facts about one cube that are costly enough to compute once (collation of a 10^5-entry
/// dictionary takes seconds) and cheap to keep. Shared by copies of a `QueryEngine`.
final class EngineCache: @unchecked Sendable {
    private let lock = NSLock()
    // Arrays by raw value, not dictionaries: the first use of a dictionary keyed by an enum
    // scans every protocol conformance in the binary for its Hashable (about 0.35 M
    // instructions, at every start).
    private var ranks = [[UInt32]?](repeating: nil, count: ReportDim.allCases.count)
    private var emptyMissing = [[Bool]?](repeating: nil, count: FactTableID.allCases.count)
    private var yearRange: (min: Int, count: Int)?

    func ranks(_ dim: ReportDim, _ compute: () -> [UInt32]) -> [UInt32] {
        lock.lock(); defer { lock.unlock() }
        if let r = ranks[dim.rawValue] { return r }
        let r = compute()
        ranks[dim.rawValue] = r
        return r
    }

    func emptyMissing(_ table: FactTableID, _ compute: () -> [Bool]) -> [Bool] {
        lock.lock(); defer { lock.unlock() }
        if let e = emptyMissing[table.rawValue] { return e }
        let e = compute()
        emptyMissing[table.rawValue] = e
        return e
    }

    func yearRange(_ compute: () -> (Int, Int)) -> (min: Int, count: Int) {
        lock.lock(); defer { lock.unlock() }
        if let y = yearRange { return y }
        let y = compute()
        yearRange = y
        return y
    }
}

/// Read-only access to a cube's report dimensions as codes `0..<cardinality`.
struct CubeView {
    let cube: Cube
    let cache: EngineCache

    var reportCount: Int { cube.reportCount }

    var years: (min: Int, count: Int) {
        cache.yearRange {
            guard let lo = cube.year.min(), let hi = cube.year.max() else { return (0, 0) }
            return (Int(lo), Int(hi) - Int(lo) + 1)
        }
    }

    func textColumn(_ dim: ReportDim) -> DimensionColumn {
        switch dim {
        case .district: cube.district
        case .unit: cube.unit
        case .province: cube.place.province
        case .city: cube.place.city
        case .county: cube.place.county
        case .adcode: cube.place.adcode
        case .level: cube.place.level
        case .bodyKind: cube.place.bodyKind
        default: cube.file
        }
    }

    func cardinality(_ dim: ReportDim) -> Int {
        switch dim {
        case .year: years.count
        case .template: Template.allCases.count
        case .status: ReportStatus.allCases.count
        default: textColumn(dim).valueCount
        }
    }

    /// The code of report `r` in dimension `dim`.
    func code(_ dim: ReportDim, _ r: Int) -> Int {
        switch dim {
        case .year: Int(cube.year[r]) - years.min
        case .template: Int(cube.template[r])
        case .status: Int(cube.status[r])
        default: Int(textColumn(dim).code(at: r))
        }
    }

    /// Calls `body(report, code)` for every report; one specialised loop per column type.
    func forEachCode(_ dim: ReportDim, _ body: (Int, Int) -> Void) {
        switch dim {
        case .year:
            let lo = years.min
            cube.year.withUnsafeBufferPointer { p in for r in p.indices { body(r, Int(p[r]) - lo) } }
        case .template:
            cube.template.withUnsafeBufferPointer { p in for r in p.indices { body(r, Int(p[r])) } }
        case .status:
            cube.status.withUnsafeBufferPointer { p in for r in p.indices { body(r, Int(p[r])) } }
        default:
            textColumn(dim).codes.withUnsafeBufferPointer { p in for r in p.indices { body(r, Int(p[r])) } }
        }
    }

    /// The member a code stands for, as a result value: text, except years (integers).
    func value(_ dim: ReportDim, code: Int) -> Value {
        switch dim {
        case .year: .integer(Int64(years.min + code))
        case .template: .text(Template(rawValue: code)?.name ?? String(code))
        case .status: .text(ReportStatus(rawValue: code)?.name ?? String(code))
        default: .text(textColumn(dim).value(code: code))
        }
    }

    func text(_ dim: ReportDim, code: Int) -> String {
        switch value(dim, code: code) {
        case .text(let s): s
        case .integer(let i): String(i)
        default: ""
        }
    }

    /// `ranks[code]`: the position of the member in display order.
    func ranks(_ dim: ReportDim) -> [UInt32] {
        switch dim {
        case .year, .template, .status:
            return (0..<cardinality(dim)).map { UInt32($0) }
        default:
            return cache.ranks(dim) { textColumn(dim).displayRanks }
        }
    }

    static func textRanks(_ values: [String]) -> [UInt32] { Collation.displayRanks(of: values) }

    /// Whether each cell's missing-mask is empty (the common case: the fast path skips it).
    func emptyMissing(_ table: FactTableID) -> [Bool] {
        cache.emptyMissing(table) { cube.table(table).missing.map(\.isEmpty) }
    }
}
