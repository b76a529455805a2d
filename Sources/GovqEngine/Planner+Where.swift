/// Binding `where`: every comparison names a dimension on the left. Report dimensions become
/// atoms evaluated once per dictionary value (not per report); the split and leaf dimensions
/// (applicant, outcome; proceeding, result) become member sets tested per cell.
import GovqCube
import GovqDiagnostics
import GovqSyntax

/// A value written in a filter: `2019`, `"历城"`, a bare name (`business`, `临淄区`).
struct Literal {
    var text: String
    var number: Double?
    var range: SourceRange
}

extension Planner {
    mutating func bindPredicate(_ c: Condition) throws -> Predicate {
        switch c {
        case .and(let a, let b): return .and(try bindPredicate(a), try bindPredicate(b))
        case .or(let a, let b): return .or(try bindPredicate(a), try bindPredicate(b))
        case .not(let a): return .not(try bindPredicate(a))
        case .comparison(let l, let op, let r):
            if let p = try measureCondition(l, op, [r]) { return p }
            let (dim, range) = try filterTarget(l)
            let v = try literal(r)
            return try test(dim, range: range, op: op, [v])
        case .between(let e, let lo, let hi, let negated):
            let (dim, range) = try filterTarget(e)
            guard case .report(let d) = dim.groupDim else {
                throw ctx.error("'between' does not apply to '\(dim.name)'", at: range, help: "use '=', '!=', 'in' or '~'")
            }
            let low = try literal(lo), high = try literal(hi)
            let truth = try reportTruth(d, name: dim.name) { v in
                switch v {
                case .text(let s): return !Collation.less(s, low.text) && !Collation.less(high.text, s)
                case .number(let x): return try num(low, dim) <= x && x <= num(high, dim)
                }
            }
            let p = atom(d, truth)
            return negated ? .not(p) : p
        case .membership(let e, let list, let negated):
            if let p = try measureCondition(e, .equal, list) { return negated ? .not(p) : p }
            let (dim, range) = try filterTarget(e)
            let values = try list.map(literal)
            let p = try test(dim, range: range, op: .equal, values)
            return negated ? .not(p) : p
        }
    }

    /// `dim op v`, or with several values, `dim in (v, …)`.
    private mutating func test(_ dim: DimensionInfo, range: SourceRange, op: ComparisonOperator, _ written: [Literal]) throws -> Predicate {
        // Chinese names of level and body_kind members (县级 is county, 政府办公室 government_office).
        let values = written.map { lit in Schema.memberName(lit.text, of: dim.name).map { Literal(text: $0, number: nil, range: lit.range) } ?? lit }
        switch dim.groupDim {
        case .report(let d):
            let truth = try reportTruth(d, name: dim.name) { v in
                try values.contains { lit in
                    switch v {
                    case .text(let s): return Self.compare(s, op, lit.text)
                    case .number(let x):
                        if op == .contains {
                            throw ctx.error("'~' needs text, and '\(dim.name)' is a number", at: range, help: "use '=' or 'between'")
                        }
                        let y = try num(lit, dim)
                        switch op {
                        case .equal: return x == y
                        case .notEqual: return x != y
                        case .less: return x < y
                        case .lessEqual: return x <= y
                        case .greater: return x > y
                        case .greaterEqual: return x >= y
                        case .contains: return false
                        }
                    }
                }
            }
            if op == .equal || op == .notEqual { try checkMembers(d, dim, values) }
            if op == .contains, !presentMembers(d).contains(where: { truth[$0.code] }) { warnNoMatch(dim, values) }
            return atom(d, truth)
        case .split, .leaf:
            let member: MemberSet
            switch op {
            case .equal, .notEqual:
                member = try values.reduce(into: MemberSet()) { $0.formUnion(try members(dim, $1)) }
            case .contains:
                member = MemberSet(memberNames(dim).enumerated().filter { _, names in
                    names.contains { n in values.contains { n.contains($0.text) } }
                }.map(\.offset))
                if member.isEmpty { warnNoMatch(dim, values) }
            default:
                throw ctx.error("'\(op.rawValue)' does not apply to '\(dim.name)'", at: range, help: "use '=', '!=', 'in' or '~'")
            }
            let p: Predicate = dim.groupDim == .split ? .split(member) : .leaf(member)
            return op == .notEqual ? .not(p) : p
        }
    }

    private mutating func atom(_ d: ReportDim, _ truth: [Bool]) -> Predicate {
        plan.atoms.append(ReportAtom(dim: d, truth: truth))
        return .report(plan.atoms.count - 1)
    }

    private enum MemberValue { case text(String), number(Double) }

    /// Evaluates `test` once per member of a report dimension.
    private func reportTruth(_ d: ReportDim, name: String, _ test: (MemberValue) throws -> Bool) throws -> [Bool] {
        let card = view.cardinality(d)
        var truth = [Bool](repeating: false, count: card)
        for code in 0..<card {
            switch view.value(d, code: code) {
            case .text(let s) where d.isText: truth[code] = try test(.text(s))
            case .text(let s): truth[code] = try test(.number(Double(s) ?? 0))
            case .integer(let i): truth[code] = try test(.number(Double(i)))
            default: break
            }
        }
        return truth
    }

    private static func compare(_ s: String, _ op: ComparisonOperator, _ t: String) -> Bool {
        switch op {
        case .equal: s == t
        case .notEqual: s != t
        case .contains: s.contains(t)
        case .less: Collation.less(s, t)
        case .lessEqual: !Collation.less(t, s)
        case .greater: Collation.less(t, s)
        case .greaterEqual: !Collation.less(s, t)
        }
    }

    private func num(_ lit: Literal, _ dim: DimensionInfo) throws -> Double {
        guard let x = lit.number else {
            throw ctx.error("expected a number for '\(dim.name)', found '\(lit.text)'", at: lit.range)
        }
        return x
    }

    /// The dimension on the left of a comparison; a measure there belongs in `having`.
    private func filterTarget(_ e: Expr) throws -> (DimensionInfo, SourceRange) {
        switch e {
        case .name(let n):
            if Schema.dimension(named: n.text) == nil,
               Schema.measure(named: n.text, in: plan.table) ?? Schema.measure(named: n.text, in: plan.table == .applications ? .reviews : .applications) != nil {
                throw ctx.error("'\(n.text)' is a measure; 'where' filters on dimensions", at: n.range,
                                help: "to filter groups by an aggregate use 'having', e.g. 'having \(n.text) > 0'")
            }
            return (try resolveDimension(n), n.range)
        case .aggregate(_, _, let r):
            throw ctx.error("aggregates cannot be used in 'where'", at: r, help: "to filter groups by an aggregate use 'having'")
        default:
            throw ctx.error("expected a dimension on the left of a condition", at: e.range)
        }
    }

    func literal(_ e: Expr) throws -> Literal {
        switch e {
        case .number(let v, let text, let r): return Literal(text: text, number: v, range: r)
        case .string(let s, let r): return Literal(text: s, number: Double(s), range: r)
        case .name(let n): return Literal(text: n.text, number: Double(n.text), range: n.range)
        case .negate(.number(let v, let text, _), let r): return Literal(text: "-" + text, number: -v, range: r)
        default: throw ctx.error("expected a value, found '\(ctx.slice(e.range))'", at: e.range)
        }
    }

    /// Every name of each member of a split or leaf dimension, by raw value.
    private func memberNames(_ dim: DimensionInfo) -> [[String]] {
        switch (plan.table, dim.groupDim) {
        case (.applications, .split): ApplicantType.allCases.map { [$0.name, $0.label] }
        case (.applications, _): Outcome.allCases.map { [$0.name, $0.label] }
        case (.reviews, .split): Proceeding.allCases.map { [$0.name, $0.label] }
        case (.reviews, _): ReviewResult.allCases.map { [$0.name, $0.label] }
        }
    }

    /// The members a value names: a member, a group (`organization`, `litigation`, `denied`).
    private func members(_ dim: DimensionInfo, _ lit: Literal) throws -> MemberSet {
        let t = lit.text, lower = t.lowercased()
        var candidates: [String] = []
        if dim.groupDim == .leaf {
            if let m = Schema.measure(named: t, in: plan.table) { return MemberSet(m.leaves) }
            candidates = plan.table.measureNames
        } else {
            let names = memberNames(dim)
            if let i = names.firstIndex(where: { $0[0] == lower || $0[1] == t }) { return MemberSet([i]) }
            let groups = plan.table == .applications
                ? Schema.applicantGroups.map { ($0.name, $0.aliases, $0.members.map(\.rawValue)) }
                : Schema.proceedingGroups.map { ($0.name, $0.aliases, $0.members.map(\.rawValue)) }
            if let g = groups.first(where: { $0.0 == lower || $0.1.contains(t) }) { return MemberSet(g.2) }
            candidates = names.flatMap { $0 } + groups.flatMap { [$0.0] + $0.1 }
        }
        let listed = dim.groupDim == .leaf ? plan.table.topMeasureNames : memberNames(dim).map { $0[0] }
        throw ctx.error("unknown \(dim.name) '\(t)'", at: lit.range,
                        help: suggestion(for: t, in: candidates, listing: "\(dim.name) values", names: listed))
    }
}
