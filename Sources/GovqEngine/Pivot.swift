/// `pivot DIM`: the members of DIM become columns. Rows are the `by` groups; with one select
/// item a column is named by the member (`2019`), with several by item and member
/// (`denied 2019`). A group with no reports for a member shows NULL there.
import GovqCube
import GovqDiagnostics
import GovqSyntax

struct Pivot {
    let plan: Plan
    let view: CubeView
    let ctx: QueryContext

    /// `rows` are sorted by (by-key, pivot rank), as `Executor.longRows` leaves them.
    func reshape(_ rows: [LongRow]) throws -> ResultSet {
        let byCount = plan.groupDims.count - 1
        var members: [Int: String] = [:]
        for r in rows where members[r.pivotRank] == nil {
            members[r.pivotRank] = Self.text(r.values[byCount])
        }
        let ranks = members.keys.sorted()
        let slot = Dictionary(uniqueKeysWithValues: ranks.enumerated().map { ($1, $0) })
        guard ranks.count * max(plan.items.count, 1) <= 100_000 else {
            throw ctx.error("too many pivot columns (\(ranks.count) members)", at: nil,
                            help: "pivot on a dimension with fewer members, or narrow it with 'where'")
        }
        var columns = Array(plan.groupDims.prefix(byCount).map(plan.dimColumn))
        for rank in ranks {
            for item in plan.items {
                let name = plan.items.count == 1 ? members[rank]! : "\(item.name) \(members[rank]!)"
                columns.append(ResultColumn(name, item.kind))
            }
        }
        let width = plan.items.count
        var out: [[Value]] = []
        var lastKey: Int?
        for r in rows {
            if r.key != lastKey {
                out.append(Array(r.values.prefix(byCount)) + Array(repeating: .null, count: ranks.count * width))
                lastKey = r.key
            }
            let at = byCount + slot[r.pivotRank]! * width
            for i in 0..<width { out[out.count - 1][at + i] = r.values[byCount + 1 + i] }
        }
        if !plan.pivotOrder.isEmpty {
            let index = try plan.pivotOrder.map { try column($0.name, in: columns) }
            let keys = out.map { row in index.map { row[$0] } }
            out = sortedIndices(keys, descending: plan.pivotOrder.map(\.descending)).map { out[$0] }
        }
        if let l = plan.limit { out = Array(out.prefix(l)) }
        return ResultSet(columns: columns, rows: out)
    }

    private func column(_ name: Name, in columns: [ResultColumn]) throws -> Int {
        if let i = columns.firstIndex(where: { $0.name == name.text }) { return i }
        if let d = Schema.dimension(named: name.text), let i = plan.groupDims.dropLast().firstIndex(of: d.groupDim) { return i }
        let names = columns.map(\.name)
        throw ctx.error("unknown column '\(name.text)'", at: name.range,
                        help: suggestion(for: name.text, in: names, listing: "columns", names: names))
    }

    static func text(_ v: Value) -> String {
        switch v {
        case .text(let s): s
        case .integer(let i): String(i)
        case .decimal(let d): String(d)
        case .null: "NULL"
        }
    }
}
