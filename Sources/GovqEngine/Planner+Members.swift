/// Unknown members are errors, never a silent empty answer: `where district = 历城区` when only
/// 济南市历城区 is loaded points at the name and suggests the members it could mean (one that
/// contains what was typed, or is within a small edit distance). Each name of `in (…)` is
/// checked on its own. `~` may match nothing; then the answer carries a warning.
import GovqCube
import GovqDiagnostics
import GovqSyntax

extension Planner {
    /// The members of a report dimension that some loaded report has, as (code, text).
    func presentMembers(_ d: ReportDim) -> [(code: Int, text: String)] {
        switch d {
        case .year:
            return view.cube.years.map { ($0 - view.years.min, String($0)) }
        case .template, .status:  // a few codes, some perhaps unused
            var seen = Set<Int>()
            view.forEachCode(d) { _, c in seen.insert(c) }
            return seen.sorted().map { ($0, view.text(d, code: $0)) }
        default:
            return (0..<view.cardinality(d)).map { ($0, view.text(d, code: $0)) }
        }
    }

    /// `=`, `!=` and `in`: every value must equal a member some report has.
    func checkMembers(_ d: ReportDim, _ dim: DimensionInfo, _ values: [Literal]) throws {
        let members = presentMembers(d)
        for lit in values {
            let found: Bool
            if d.isDictionary {
                found = view.textColumn(d).lookup(lit.text) != nil
            } else {
                found = members.contains { m in m.text == lit.text || (Double(m.text) != nil && Double(m.text) == lit.number) }
            }
            if !found { throw unknownMember(dim, lit, members.map(\.text)) }
        }
    }

    /// The error for a value that names no member, with the nearest members.
    func unknownMember(_ dim: DimensionInfo, _ lit: Literal, _ members: [String]) -> Diagnostic {
        let near = Self.nearestMembers(lit.text, in: members)
        let help: String
        if near.isEmpty {
            let shown = members.prefix(8).map { "'\($0)'" }.joined(separator: ", ")
            help = members.isEmpty ? "no report is loaded"
                : "\(dim.plural) are: \(shown)" + (members.count > 8 ? ", … (\(members.count) in all; see 'show \(dim.plural)')" : "")
        } else {
            help = "did you mean " + near.map { "'\($0)'" }.joined(separator: " or ") + "?"
        }
        return ctx.error("unknown \(dim.name) '\(lit.text)'", at: lit.range, help: help)
    }

    /// Members that contain the typed name, or that it contains (历城区 → 济南市历城区), else the
    /// one nearest by edit distance; at most three, in member order.
    static func nearestMembers(_ typed: String, in members: [String]) -> [String] {
        guard !typed.isEmpty else { return [] }
        let containing = members.filter { $0.contains(typed) || (!$0.isEmpty && typed.contains($0)) }
        if !containing.isEmpty { return Array(containing.prefix(3)) }
        return EditDistance.nearest(typed, in: members).map { [$0] } ?? []
    }

    /// `~` that no member contains: the filter keeps nothing, which the answer says.
    mutating func warnNoMatch(_ dim: DimensionInfo, _ values: [Literal]) {
        let typed = values.map { "'\($0.text)'" }.joined(separator: ", ")
        plan.warnings.append("no \(dim.name) contains \(typed): the filter '~' matches nothing")
    }

    /// `having dim = value`: the same check for a grouped report dimension.
    func checkHavingMembers(_ left: BoundExpr, _ right: [Expr]) throws {
        guard case .column(let i) = left, i < plan.groupDims.count, case .report(let d) = plan.groupDims[i],
              let dim = Schema.dimension(named: d.name) else { return }
        let values = right.compactMap { e -> Literal? in
            switch e {
            case .name, .string, .number: try? literal(e)
            default: nil
            }
        }
        try checkMembers(d, dim, values)
    }
}
