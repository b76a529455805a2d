/// `explain`: a plan as indented text, one step per line, in the order the executor runs them
/// (clox's `debug.c` idea): the table, the `where` predicate with each report test shown as the
/// members it keeps, the grouping, the measures with their leaves, the aggregates, the output
/// columns, then having / order / limit / pivot.
import GovqCube
import GovqSyntax

extension QueryEngine {
    /// The plan of a query as text.
    public func explain(_ text: String, source: String = "<query>") throws -> String {
        try guarded { try explainUnguarded(text, source: source) }
    }

    private func explainUnguarded(_ text: String, source: String) throws -> String {
        let ctx = QueryContext(text: text, source: source)
        switch try QueryParser.parse(text, source: source) {
        case .show(let q):
            return "show \(q.subject.text)\(q.filter == nil ? "" : " where …")\n"
        case .select(let q):
            return try Planner.plan(q, view: view, ctx: ctx).describe(view)
        }
    }
}

extension Plan {
    func describe(_ view: CubeView) -> String {
        var out = "scan \(table.name) (\(view.reportCount) reports)\n"
        if let f = filter { out += "  filter \(describe(f, view))\n" }
        if !groupDims.isEmpty {
            out += "  group by " + byDims.map { dimColumn($0).name }.joined(separator: ", ") + "\n"
        }
        for m in measures {
            let names = m.leaves.map { table == .applications ? Outcome(rawValue: $0)!.name : ReviewResult(rawValue: $0)!.name }
            out += "  measure \(m.name) = " + names.joined(separator: " + ") + "\n"
        }
        for a in aggregates {
            out += a.kind == .countReports ? "  aggregate count reports\n"
                : "  aggregate \(String(describing: a.kind)) \(measures[a.measure].name) over report values\n"
        }
        for item in items { out += "  output '\(item.name)' (\(item.kind))\n" }
        if having != nil { out += "  having (evaluated per group, NULL is unknown)\n" }
        if !orderBy.isEmpty || !pivotOrder.isEmpty { out += "  order by \(max(orderBy.count, pivotOrder.count)) key(s), NULLs last, ties in group-key order\n" }
        else if !groupDims.isEmpty { out += "  order by group keys\n" }
        if let l = limit { out += "  limit \(l)\n" }
        if pivot, let d = groupDims.last { out += "  pivot \(dimColumn(d).name) into columns\n" }
        return out
    }

    private func describe(_ p: Predicate, _ view: CubeView) -> String {
        func members(_ set: MemberSet, split: Bool) -> String {
            set.sorted.map { Show.member(table, split: split, $0).0 }.joined(separator: ", ")
        }
        switch p {
        case .constant(let b): return String(b)
        case .report(let i) where atoms[i].reports != nil:
            return atoms[i].label
        case .report(let i):
            let a = atoms[i]
            let kept = a.truth.indices.filter { a.truth[$0] }
            let shown = kept.prefix(5).map { view.text(a.dim, code: $0) }.joined(separator: ", ")
            return "\(a.dim.name) in {\(shown)\(kept.count > 5 ? ", …" : "")} (\(kept.count) of \(a.truth.count))"
        case .split(let s): return "\(table.splitDimension) in {\(members(s, split: true))}"
        case .leaf(let s): return "\(table.leafDimension) in {\(members(s, split: false))}"
        case .not(let a): return "not (\(describe(a, view)))"
        case .and(let a, let b): return "(\(describe(a, view)) and \(describe(b, view)))"
        case .or(let a, let b): return "(\(describe(a, view)) or \(describe(b, view)))"
        }
    }
}
