/// `where` over the long table. A condition may mix report dimensions (district, year, …) with
/// the cell dimensions (applicant, outcome), joined by `and`, `or`, `not`. We specialise the
/// predicate for each cell (leaf, split) — cell atoms become constants — leaving a predicate over
/// report dimensions only; each distinct residual is evaluated once into a report bitmap.
import GovqCube

/// A report-dimension test, already evaluated once per dictionary value: `truth[code]`.
struct ReportAtom {
    var dim: ReportDim
    var truth: [Bool]
    /// A condition on a measure (`where new = 0`) is a set of reports, computed when bound;
    /// then `dim` and `truth` are unused and `label` describes it.
    var reports: [UInt64]? = nil
    var label = ""
}

/// Members of a cell dimension (applicant types, outcomes, proceedings, results: raw values
/// below 64), one bit each. Not a `Set<Int>`: the first set a process makes looks
/// `Int: Hashable` up through every protocol conformance record of the binary.
struct MemberSet: Hashable {
    private(set) var bits: UInt64 = 0

    init() {}
    init<S: Sequence>(_ members: S) where S.Element == Int { for m in members { insert(m) } }

    mutating func insert(_ m: Int) {
        precondition(m >= 0 && m < 64, "cell member \(m) out of range")
        bits |= 1 << UInt64(m)
    }
    func contains(_ m: Int) -> Bool { m >= 0 && m < 64 && bits & (1 << UInt64(m)) != 0 }
    mutating func formUnion(_ other: MemberSet) { bits |= other.bits }
    var isEmpty: Bool { bits == 0 }
    /// The members in increasing order.
    var sorted: [Int] { (0..<64).filter { bits & (1 << UInt64($0)) != 0 } }
}

indirect enum Predicate: Hashable {
    case constant(Bool)
    /// Index into `Plan.atoms`.
    case report(Int)
    /// The cell's split member (applicant / proceeding raw value) is in the set.
    case split(MemberSet)
    /// The cell's leaf (outcome / result raw value) is in the set.
    case leaf(MemberSet)
    case not(Predicate)
    case and(Predicate, Predicate)
    case or(Predicate, Predicate)

    /// Whether any test is on the cell dimensions (split or leaf); if none is, every cell gets
    /// the same residual, which is then built and evaluated once, not once per cell.
    var mentionsCells: Bool {
        switch self {
        case .constant, .report: false
        case .split, .leaf: true
        case .not(let p): p.mentionsCells
        case .and(let a, let b), .or(let a, let b): a.mentionsCells || b.mentionsCells
        }
    }

    /// The predicate for reports' cell (`leaf`, `split`), simplified.
    func specialized(leaf l: Int, split s: Int) -> Predicate {
        switch self {
        case .constant, .report: return self
        case .split(let set): return .constant(set.contains(s))
        case .leaf(let set): return .constant(set.contains(l))
        case .not(let p):
            let x = p.specialized(leaf: l, split: s)
            if case .constant(let b) = x { return .constant(!b) }
            return .not(x)
        case .and(let a, let b):
            let x = a.specialized(leaf: l, split: s)
            if case .constant(false) = x { return x }
            let y = b.specialized(leaf: l, split: s)
            if case .constant(true) = x { return y }
            if case .constant(let v) = y { return v ? x : y }
            return .and(x, y)
        case .or(let a, let b):
            let x = a.specialized(leaf: l, split: s)
            if case .constant(true) = x { return x }
            let y = b.specialized(leaf: l, split: s)
            if case .constant(false) = x { return y }
            if case .constant(let v) = y { return v ? y : x }
            return .or(x, y)
        }
    }
}

/// A set of reports: all of them, none, or a bitmap (`words`, 64 reports each, tail bits zero).
enum Selection {
    case all
    case none
    case bits([UInt64])

    /// Word `j` of the selection for `n` reports.
    @inline(__always) func word(_ j: Int, count n: Int) -> UInt64 {
        switch self {
        case .none: return 0
        case .bits(let w): return w[j]
        case .all:
            let rest = n - j * 64
            return rest >= 64 ? ~0 : (1 << UInt64(rest)) &- 1
        }
    }

    var isNone: Bool { if case .none = self { true } else { false } }
    var isAll: Bool { if case .all = self { true } else { false } }
}

/// Which reports each cell of a fact table is selected for, by `where`.
struct CellSelections {
    /// Distinct selections; cells refer to them by index.
    var selections: [Selection] = []
    /// `cellSelection[cell]` indexes `selections`; nil when no report is selected.
    var cellSelection: [Int?] = []
}

/// Evaluates residual predicates over report dimensions into bitmaps, memoised.
struct SelectionEvaluator {
    let view: CubeView
    let atoms: [ReportAtom]
    /// Each atom's bits once made, by atom: an array, not an `[Int: [UInt64]]`, whose type built
    /// at run time looked `Int: Hashable` up by a scan of every conformance record (0.34 M).
    private var atomBits: [[UInt64]?]
    /// The selections made so far, by the residual's hash: a list, not a `[Predicate: Int]`, whose
    /// first use looks `Predicate: Hashable` up by scanning every conformance record in the binary
    /// (more than a query's scan at 10^4 reports). A table has a few hundred cells at most.
    private var memo: [(hash: Int, predicate: Predicate, index: Int)] = []
    private(set) var result = CellSelections()

    init(view: CubeView, atoms: [ReportAtom]) {
        self.view = view
        self.atoms = atoms
        atomBits = Array(repeating: nil, count: atoms.count)
    }

    /// Selections for every cell of `table` under `filter` (nil: every report, every cell).
    static func cells(_ table: FactTable, filter: Predicate?, view: CubeView, atoms: [ReportAtom]) -> CellSelections {
        var e = SelectionEvaluator(view: view, atoms: atoms)
        e.result.cellSelection = Array(repeating: nil, count: table.rows * table.columns)
        if let filter, !filter.mentionsCells {
            // Linear in the size of the filter (a 100,000-term `and` chain), not cells × size.
            let shared = e.selectionIndex(filter.specialized(leaf: 0, split: 0))
            for cell in e.result.cellSelection.indices { e.result.cellSelection[cell] = shared }
            return e.result
        }
        for l in 0..<table.rows {
            for s in 0..<table.columns {
                let residual = filter?.specialized(leaf: l, split: s) ?? .constant(true)
                if case .constant(false) = residual { continue }
                e.result.cellSelection[table.cell(row: l, column: s)] = e.selectionIndex(residual)
            }
        }
        return e.result
    }

    private mutating func selectionIndex(_ p: Predicate) -> Int? {
        let hash = p.hashValue
        if let m = memo.first(where: { $0.hash == hash && $0.predicate == p }) { return m.index }
        let sel = evaluate(p)
        if sel.isNone { return nil }
        result.selections.append(sel)
        memo.append((hash, p, result.selections.count - 1))
        return result.selections.count - 1
    }

    private mutating func evaluate(_ p: Predicate) -> Selection {
        let n = view.reportCount, nw = (n + 63) / 64
        switch p {
        case .constant(let b): return b ? .all : .none
        case .split, .leaf: return .all   // never left after specialisation
        case .report(let i):
            // Not `normalized(bits(atom: i))`: that reads `self` for the call before `bits`
            // mutates it, so the atom cache was copied once per atom (quadratic in a long
            // `and` chain: 100,000 terms took minutes).
            let words = bits(atom: i)
            return normalized(words)
        case .not(let a):
            let x = evaluate(a)
            return normalized((0..<nw).map { ~x.word($0, count: n) & Selection.all.word($0, count: n) })
        case .and(let a, let b):
            let x = evaluate(a)
            if x.isNone { return .none }
            let y = evaluate(b)
            return normalized((0..<nw).map { x.word($0, count: n) & y.word($0, count: n) })
        case .or(let a, let b):
            let x = evaluate(a), y = evaluate(b)
            return normalized((0..<nw).map { x.word($0, count: n) | y.word($0, count: n) })
        }
    }

    private mutating func bits(atom i: Int) -> [UInt64] {
        if let b = atomBits[i] { return b }
        if let set = atoms[i].reports { return set }
        let truth = atoms[i].truth
        var words = [UInt64](repeating: 0, count: (view.reportCount + 63) / 64)
        truth.withUnsafeBufferPointer { t in
            words.withUnsafeMutableBufferPointer { w in
                view.forEachCode(atoms[i].dim) { r, code in
                    if t[code] { w[r >> 6] |= 1 << UInt64(r & 63) }
                }
            }
        }
        atomBits[i] = words
        return words
    }

    private func normalized(_ words: [UInt64]) -> Selection {
        let n = view.reportCount
        if words.allSatisfy({ $0 == 0 }) { return .none }
        if words.indices.allSatisfy({ words[$0] == Selection.all.word($0, count: n) }) { return .all }
        return .bits(words)
    }
}
