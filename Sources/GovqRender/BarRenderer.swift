/// Horizontal bar charts in the terminal (`--format bar`, `.mode bar`). One line per row: its
/// labels (the text columns, padded by display width, so Chinese lines up), a bar for the first
/// numeric column drawn in eighths of a cell, and the value. Negative values grow left of an
/// axis; NULL is written NULL with no bar. The chart fits `width` columns.
///
/// A result grouped by year is drawn as series instead: one line per value of the other text
/// columns, with a sparkline (▁▂▃▄▅▆▇█, one character a year, blank for a year it lacks) and its
/// first and last values.
import GovqDiagnostics
import GovqEngine

public struct BarRenderer: ResultRenderer {
    /// The terminal's width in columns.
    public var width: Int

    public init(width: Int = 80) {
        self.width = max(width, 20)
    }

    public func write(_ result: ResultSet, to out: inout some TextOutputStream) {
        guard let valueColumn = result.columns.firstIndex(where: { $0.kind != .text && $0.name != "year" && $0.name != "rank" })
            ?? result.columns.firstIndex(where: { $0.kind != .text }) else {
            TableRenderer().write(result, to: &out)   // nothing to draw
            return
        }
        if let year = result.columns.firstIndex(where: { $0.name == "year" && $0.kind == .integer }), year != valueColumn {
            writeSeries(result, year: year, value: valueColumn, to: &out)
            return
        }
        let labelColumns = result.columns.indices.filter { result.columns[$0].kind == .text || ($0 != valueColumn && result.columns[$0].name == "year") }
        let labels = result.rows.map { row in labelColumns.map { TableRenderer.visible(ValueText.display(row[$0]) ?? "NULL") }.joined(separator: " · ") }
        let values = result.rows.map { $0[valueColumn].barNumber }
        let shown = result.rows.map { ValueText.display($0[valueColumn]) ?? "NULL" }
        let title = result.columns[labelColumns.first ?? valueColumn].name
        let labelWidth = min((labels + [title]).map { DisplayWidth.of($0) }.max() ?? 0, width / 3)
        let valueWidth = shown.map(\.count).max() ?? 4
        let barWidth = max(width - labelWidth - valueWidth - 3, 5)
        let positive = values.compactMap { $0 }.filter { $0 > 0 }.max() ?? 0
        let negative = -(values.compactMap { $0 }.filter { $0 < 0 }.min() ?? 0)
        let span = positive + negative
        var left = span == 0 ? 0 : Int((Double(barWidth) * negative / span).rounded())
        // A side with any value keeps at least one cell, however small its share.
        if negative > 0 { left = min(max(left, 1), barWidth - (positive > 0 ? 2 : 1)) }
        let right = barWidth - left - (negative > 0 ? 1 : 0)
        out.write(trimmed(pad(title, labelWidth) + " " + result.columns[valueColumn].name) + "\n")
        for (i, label) in labels.enumerated() {
            var line = pad(label, labelWidth) + " "
            if let v = values[i] {
                if negative > 0 {
                    let n = v < 0 ? min(BarRenderer.cells(-v / negative * Double(left)), left) : 0
                    line += String(repeating: " ", count: left - n) + String(repeating: "█", count: n) + "│"
                }
                let bar = v > 0 ? BarRenderer.bar(v / positive * Double(right)) : ""
                line += bar + String(repeating: " ", count: max(right - DisplayWidth.of(bar), 0)) + " " + shown[i]
            } else {
                line += "NULL"
            }
            out.write(trimmed(line) + "\n")
        }
    }

    /// One line per series of a `by year` result: a sparkline over every year of the result.
    private func writeSeries(_ result: ResultSet, year: Int, value: Int, to out: inout some TextOutputStream) {
        let labelColumns = result.columns.indices.filter { result.columns[$0].kind == .text }
        var order: [String] = [], series: [String: [Int64: Double?]] = [:], first: [String: String] = [:], last: [String: String] = [:]
        var years = Set<Int64>()
        for row in result.rows {
            guard case .integer(let y) = row[year] else { continue }
            let label = labelColumns.isEmpty ? "all" : labelColumns.map { TableRenderer.visible(ValueText.display(row[$0]) ?? "NULL") }.joined(separator: " · ")
            if series[label] == nil { order.append(label); first[label] = ValueText.display(row[value]) ?? "NULL" }
            series[label, default: [:]][y] = row[value].barNumber
            last[label] = ValueText.display(row[value]) ?? "NULL"
            years.insert(y)
        }
        guard let lo = years.min(), let hi = years.max() else { return }
        let header = labelColumns.first.map { result.columns[$0].name } ?? ""
        let labelWidth = min((order + [header]).map { DisplayWidth.of($0) }.max() ?? 0, width / 3)
        out.write(pad(header, labelWidth) + " " + result.columns[value].name + " \(lo)–\(hi)\n")
        for label in order {
            let s = series[label]!
            let known = s.values.compactMap { $0 }
            let top = known.max() ?? 0, bottom = min(known.min() ?? 0, 0)
            let spark = (lo...hi).map { y -> String in
                guard let v = s[y] ?? nil else { return " " }
                let level = top == bottom ? 0 : Int(((v - bottom) / (top - bottom) * 7).rounded())
                return String(BarRenderer.levels[max(0, min(7, level))])
            }.joined()
            out.write(trimmed(pad(label, labelWidth) + " " + spark + "  " + first[label]! + " → " + last[label]!) + "\n")
        }
    }

    static let levels = Array("▁▂▃▄▅▆▇█")
    static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// A bar `length` cells long, in eighths; at least a sliver for a value above 0.
    static func bar(_ length: Double) -> String {
        let e = max(Int((length * 8).rounded()), 1)
        return String(repeating: "█", count: e / 8) + eighths[e % 8]
    }

    static func cells(_ length: Double) -> Int { max(Int(length.rounded()), 1) }

    /// `s` padded to `width` display columns, or cut to fit with `…` at the end.
    private func pad(_ s: String, _ width: Int) -> String {
        let full = DisplayWidth.of(s)
        if full <= width { return s + String(repeating: " ", count: width - full) }
        var t = "", w = 0
        for c in s.unicodeScalars {
            let cw = DisplayWidth.of(c)
            if w + cw > width - 1 { break }
            t.unicodeScalars.append(c)
            w += cw
        }
        return t + "…" + String(repeating: " ", count: width - 1 - w)
    }

    private func trimmed(_ s: String) -> String {
        var t = s
        while t.hasSuffix(" ") { t.removeLast() }
        return t
    }
}

extension Value {
    var barNumber: Double? {
        switch self {
        case .integer(let i): Double(i)
        case .decimal(let d): d
        default: nil
        }
    }
}
