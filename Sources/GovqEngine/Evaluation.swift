/// Values of expressions over one result row, with SQL's NULL rules: arithmetic with NULL is
/// NULL, x / 0 is NULL, division gives a decimal, integer + − × stay integers (an overflow is an
/// error, never a trap); conditions use three-valued logic (`nil` = unknown).
import GovqCube
import GovqDiagnostics
import GovqSyntax

extension Executor {
    func eval(_ e: BoundExpr, _ row: LongRow, _ agg: Aggregation) throws -> Value {
        switch e {
        case .aggregate(let i): return agg.value(plan.aggregates[i], row.k, row.g)
        case .complete(let u): return try completeValue(u, row, agg)
        case .column(let i): return row.values[i]
        case .integer(let i): return .integer(i)
        case .decimal(let d): return .decimal(d)
        case .text(let s): return .text(s)
        case .negate(let a, let range):
            switch try eval(a, row, agg) {
            case .integer(let i):
                guard i != .min else { throw ctx.error("integer overflow in '\(ctx.slice(range))'", at: range) }
                return .integer(-i)
            case .decimal(let d): return .decimal(-d)
            default: return .null
            }
        case .binary(let op, let a, let b, let range):
            return try arithmetic(op, try eval(a, row, agg), try eval(b, row, agg), range: range)
        }
    }

    func arithmetic(_ op: BinaryOperator, _ x: Value, _ y: Value, range: SourceRange) throws -> Value {
        if case .integer(let a) = x, case .integer(let b) = y, op != .divide {
            let (r, o) = switch op {
            case .add: a.addingReportingOverflow(b)
            case .subtract: a.subtractingReportingOverflow(b)
            default: a.multipliedReportingOverflow(by: b)
            }
            if o { throw ctx.error("integer overflow in '\(ctx.slice(range))'", at: range) }
            return .integer(r)
        }
        guard let a = x.number, let b = y.number else { return .null }
        let r: Double
        switch op {
        case .add: r = a + b
        case .subtract: r = a - b
        case .multiply: r = a * b
        case .divide:
            if b == 0 { return .null }
            r = a / b
        }
        return r.isFinite ? .decimal(r) : .null
    }

    /// A `having` condition: true, false, or nil (unknown, when a NULL is involved).
    func truth(_ c: BoundCondition, _ row: LongRow, _ agg: Aggregation) throws -> Bool? {
        switch c {
        case .and(let a, let b):
            let x = try truth(a, row, agg)
            if x == false { return false }
            let y = try truth(b, row, agg)
            if y == false { return false }
            return x == nil || y == nil ? nil : true
        case .or(let a, let b):
            let x = try truth(a, row, agg)
            if x == true { return true }
            let y = try truth(b, row, agg)
            if y == true { return true }
            return x == nil || y == nil ? nil : false
        case .not(let a):
            return try truth(a, row, agg).map { !$0 }
        case .comparison(let l, let op, let r):
            return compare(try eval(l, row, agg), op, try eval(r, row, agg))
        case .between(let e, let lo, let hi, let negated):
            let v = try eval(e, row, agg)
            guard let a = compareValues(v, try eval(lo, row, agg)), let b = compareValues(v, try eval(hi, row, agg)) else { return nil }
            return (a >= 0 && b <= 0) != negated
        case .membership(let e, let list, let negated):
            let v = try eval(e, row, agg)
            var unknown = false
            for item in list {
                switch compare(v, .equal, try eval(item, row, agg)) {
                case true?: return !negated
                case nil: unknown = true
                case false?: break
                }
            }
            return unknown ? nil : negated
        }
    }

    func compare(_ x: Value, _ op: ComparisonOperator, _ y: Value) -> Bool? {
        if op == .contains {
            guard case .text(let s) = x, case .text(let t) = y else { return nil }
            return s.contains(t)
        }
        guard let c = compareValues(x, y) else { return nil }
        switch op {
        case .equal: return c == 0
        case .notEqual: return c != 0
        case .less: return c < 0
        case .lessEqual: return c <= 0
        case .greater: return c > 0
        case .greaterEqual: return c >= 0
        case .contains: return nil
        }
    }
}

/// -1, 0, 1; nil when either is NULL or they cannot be compared (text with a number).
func compareValues(_ x: Value, _ y: Value) -> Int? {
    switch (x, y) {
    case (.integer(let a), .integer(let b)): return a < b ? -1 : a > b ? 1 : 0
    case (.text(let a), .text(let b)): return a == b ? 0 : Collation.less(a, b) ? -1 : 1
    default:
        guard let a = x.number, let b = y.number else { return nil }
        return a < b ? -1 : a > b ? 1 : 0
    }
}

extension Value {
    var number: Double? {
        switch self {
        case .integer(let i): Double(i)
        case .decimal(let d): d
        default: nil
        }
    }
}
