/// Strings made from scalars already decoded (a title's place names and the body words after
/// them), encoded straight to UTF-8: `String(String.UnicodeScalarView(slice))` appends scalar by
/// scalar through the generic path, about 5 K instructions a name, half of placing a report.

extension String {
    /// The string of `scalars`, the same as `String(String.UnicodeScalarView(scalars))`.
    init(scalars: ArraySlice<Unicode.Scalar>) {
        self.init(unsafeUninitializedCapacity: scalars.count * 4) { out in
            var n = 0
            for s in scalars {
                let v = s.value
                if v < 0x80 {
                    out[n] = UInt8(v); n += 1
                } else if v < 0x800 {
                    out[n] = UInt8(0xC0 | v >> 6); out[n + 1] = UInt8(0x80 | v & 0x3F); n += 2
                } else if v < 0x10000 {
                    out[n] = UInt8(0xE0 | v >> 12); out[n + 1] = UInt8(0x80 | v >> 6 & 0x3F); out[n + 2] = UInt8(0x80 | v & 0x3F); n += 3
                } else {
                    out[n] = UInt8(0xF0 | v >> 18); out[n + 1] = UInt8(0x80 | v >> 12 & 0x3F)
                    out[n + 2] = UInt8(0x80 | v >> 6 & 0x3F); out[n + 3] = UInt8(0x80 | v & 0x3F); n += 4
                }
            }
            return n
        }
    }
}
