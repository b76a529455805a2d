/// An Excel workbook (`.xlsx`: SpreadsheetML parts in a zip archive, ECMA-376), one sheet per
/// result of a run. Numbers are numeric cells, text is an inline string (never a formula, so no
/// `'` guard is needed), NULL is an empty cell, and the header row is bold and frozen. Written
/// with ZIPFoundation in memory; the caller puts the bytes in a file atomically.
import Foundation
import GovqEngine
import ZIPFoundation

public enum XLSXWorkbook {
    /// Excel's limits: a sheet holds 1,048,576 rows and 16,384 columns.
    static let maxRows = 1_048_576, maxColumns = 16_384

    public struct TooLarge: Error, CustomStringConvertible {
        public var description: String
    }

    /// The workbook's bytes: `results[i]` on the sheet named `query i+1`.
    public static func bytes(_ results: [ResultSet]) throws -> [UInt8] {
        for (i, r) in results.enumerated() {
            if r.rows.count + 1 > maxRows || r.columns.count > maxColumns {
                throw TooLarge(description: "result \(i + 1) has \(r.rows.count) rows and \(r.columns.count) columns; "
                               + "a sheet holds at most \(maxRows - 1) rows under its header and \(maxColumns) columns")
            }
        }
        let names = results.indices.map { "query \($0 + 1)" }
        var parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes(sheets: results.count)),
            ("_rels/.rels", rootRelationships),
            ("xl/workbook.xml", workbook(names)),
            ("xl/_rels/workbook.xml.rels", workbookRelationships(sheets: results.count)),
            ("xl/styles.xml", styles),
        ]
        for (i, r) in results.enumerated() { parts.append(("xl/worksheets/sheet\(i + 1).xml", sheet(r))) }

        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                 modificationDate: fixedDate, compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return [UInt8](archive.data ?? Data())
    }

    /// Entries dated 1980-01-01 (zip's epoch): the same results give the same bytes.
    static let fixedDate = Date(timeIntervalSince1970: 315_532_800)

    static func sheet(_ result: ResultSet) -> String {
        let result = result.markingTotalRows
        var x = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        x += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        // The header row stays in view while scrolling: a pane frozen below row 1.
        x += #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        x += #"<selection pane="bottomLeft"/></sheetView></sheetViews><sheetData>"#
        x += "<row r=\"1\">"
        for (c, column) in result.columns.enumerated() {
            x += "<c r=\"\(reference(column: c, row: 1))\" s=\"1\" t=\"inlineStr\"><is><t>\(escaped(column.name))</t></is></c>"
        }
        x += "</row>"
        for (r, row) in result.rows.enumerated() {
            x += "<row r=\"\(r + 2)\">"
            for (c, value) in row.enumerated() {
                let ref = reference(column: c, row: r + 2)
                switch value {
                case .null: continue   // an empty cell
                case .integer(let i): x += "<c r=\"\(ref)\"><v>\(i)</v></c>"
                case .decimal(let d) where d.isFinite: x += "<c r=\"\(ref)\"><v>\(d.description)</v></c>"
                case .decimal: continue
                case .text(let s):
                    x += "<c r=\"\(ref)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escaped(s))</t></is></c>"
                }
            }
            x += "</row>"
        }
        return x + "</sheetData></worksheet>"
    }

    /// `A1`-style reference: columns A…Z, AA…, rows from 1.
    static func reference(column: Int, row: Int) -> String {
        var n = column + 1, letters = ""
        while n > 0 {
            let d = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + d))) + letters
            n = (n - 1) / 26
        }
        return letters + String(row)
    }

    /// XML text: `&`, `<`, `>`, `"` escaped; control characters XML 1.0 cannot hold written as
    /// OOXML's `_xHHHH_` (which Excel shows as the character); a literal `_x` is escaped too.
    static func escaped(_ s: String) -> String {
        var r = ""
        let text = s.contains("_x") ? s.replacingOccurrences(of: "_x", with: "_x005F_x") : s
        for u in text.unicodeScalars {
            switch u {
            case "&": r += "&amp;"
            case "<": r += "&lt;"
            case ">": r += "&gt;"
            case "\"": r += "&quot;"
            case "\t", "\n", "\r": r.unicodeScalars.append(u)
            case _ where u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF:
                r += "_x" + String(format: "%04X", u.value) + "_"
            default: r.unicodeScalars.append(u)
            }
        }
        return r
    }

    static func contentTypes(sheets: Int) -> String {
        var x = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        x += #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        x += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        x += #"<Default Extension="xml" ContentType="application/xml"/>"#
        x += #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        x += #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        for i in stride(from: 1, through: sheets, by: 1) {
            x += "<Override PartName=\"/xl/worksheets/sheet\(i).xml\" "
                + #"ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        return x + "</Types>"
    }

    static let rootRelationships = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
        + "</Relationships>"

    static func workbook(_ names: [String]) -> String {
        var x = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        x += #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#
        x += #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#
        for (i, name) in names.enumerated() {
            x += "<sheet name=\"\(escaped(name))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
        }
        return x + "</sheets></workbook>"
    }

    static func workbookRelationships(sheets: Int) -> String {
        var x = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        x += #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for i in 0..<sheets {
            x += "<Relationship Id=\"rId\(i + 1)\" "
                + #"Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" "#
                + "Target=\"worksheets/sheet\(i + 1).xml\"/>"
        }
        x += "<Relationship Id=\"rId\(sheets + 1)\" "
            + #"Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        return x + "</Relationships>"
    }

    /// Two cell formats: 0 plain, 1 bold (the header row).
    static let styles = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#
        + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>"#
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        + "</styleSheet>"
}
