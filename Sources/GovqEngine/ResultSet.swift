/// What a query returns: named, typed columns and rows of values, in order. Renderers only see this.

public enum Value: Sendable, Hashable {
    case null
    case integer(Int64)
    case decimal(Double)
    case text(String)
}

public struct ResultColumn: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case text, integer, decimal }
    public var name: String
    public var kind: Kind

    public init(_ name: String, _ kind: Kind) {
        self.name = name
        self.kind = kind
    }
}

public struct ResultSet: Sendable, Hashable {
    public var columns: [ResultColumn]
    public var rows: [[Value]]
    /// Per row, when the result has totals (`with totals`); empty otherwise.
    public var rowKinds: [RowKind] = []
    /// The `row_type` column's name and words, in the answer's language (`--lang zh` sets them).
    public var rowTypeHeader = "row_type"
    public var rowKindWords: [RowKind: String] = [:]
    /// What the reader of this answer must know, for stderr (never mixed into the rows):
    /// reports left out of a result cell, a `~` that matched nothing, inputs that do not add
    /// up. Not part of the answer's value: two results are equal when their rows are.
    public var warnings: [String] = []

    public init(columns: [ResultColumn], rows: [[Value]]) {
        self.columns = columns
        self.rows = rows
    }
}

/// What a row of a result is: a group, a subtotal (小计) or the grand total (合计).
public enum RowKind: String, Sendable, Hashable {
    case member, subtotal, total
}

extension ResultSet {
    /// The result with a last column `row_type` (member, subtotal, total) when it has total
    /// rows, so that a program reading CSV or JSON can tell a total from a member named 合计.
    public var markingTotalRows: ResultSet {
        guard !rowKinds.isEmpty, rowKinds.count == rows.count else { return self }
        var r = self
        r.columns.append(ResultColumn(rowTypeHeader, .text))
        for i in r.rows.indices { r.rows[i].append(.text(rowKindWords[rowKinds[i]] ?? rowKinds[i].rawValue)) }
        r.rowKinds = []
        return r
    }
}

extension ResultSet {
    public static func == (a: ResultSet, b: ResultSet) -> Bool { a.columns == b.columns && a.rows == b.rows }
    public func hash(into h: inout Hasher) {
        h.combine(columns)
        h.combine(rows)
    }
}
