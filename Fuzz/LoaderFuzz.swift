/// libFuzzer target for the report loader: arbitrary bytes → `ReportParser.parse`, the pure
/// per-file function `ReportLoader` runs on every file. A crash, hang or leak here is one a
/// hostile or badly converted report could cause. Built by `scripts/fuzz.sh loader`.
import GovqCube
import GovqLoader

@_cdecl("LLVMFuzzerTestOneInput")
public func loaderFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let parsed = ReportParser.parse(bytes: bytes, file: "<fuzz>")
    // Whatever is parsed must go into a cube without trapping (Int16 years, dictionary codes).
    if let record = parsed.record {
        var builder = CubeBuilder()
        builder.append(record)
        precondition(builder.cube.reportCount == 1)
    } else {
        precondition(parsed.summary.status == .skipped && parsed.summary.reason != nil, "a report without a record must say why")
    }
    return 0
}
