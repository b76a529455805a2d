/// Substring tests by UTF-8 bytes. The metadata reader asks them of every line before the
/// table; Foundation's `contains` (a locale-aware search) and the standard library's
/// `firstRange(of:)` cost a tenth of the whole parse there.
extension String {
    /// Whether `needle` occurs in this string.
    func includes(_ needle: String) -> Bool {
        var haystack = self, needle = needle
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                guard !n.isEmpty else { return true }
                guard n.count <= h.count else { return false }
                let first = n[0], last = h.count - n.count
                var i = 0
                while i <= last {
                    if h[i] == first {
                        var k = 1
                        while k < n.count && h[i + k] == n[k] { k += 1 }
                        if k == n.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    /// Whether this string ends with `suffix` (compared as bytes).
    func endsWith(_ suffix: String) -> Bool {
        utf8.count >= suffix.utf8.count && utf8.suffix(suffix.utf8.count).elementsEqual(suffix.utf8)
    }

    /// This string without 《 and 》 (book-title marks around a report's name).
    var withoutTitleMarks: String {
        guard includes("《") || includes("》") else { return self }
        return String(String.UnicodeScalarView(unicodeScalars.filter { $0 != "《" && $0 != "》" }))
    }
}
