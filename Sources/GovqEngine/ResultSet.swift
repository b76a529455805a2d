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

    public init(columns: [ResultColumn], rows: [[Value]]) {
        self.columns = columns
        self.rows = rows
    }
}
