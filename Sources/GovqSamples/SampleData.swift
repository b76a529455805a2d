/// The embedded default data set: the five sample reports of `Samples/reports`, compiled into
/// the binary (`EmbeddedReports.swift`, written by `scripts/embed-samples.py`), so that `govq`
/// runs on them from any folder, however it was installed or copied.
import Foundation

public enum SampleData {
    /// The name that stands for the embedded samples where a data path is expected
    /// (`--data '<samples>'`), and the folder their files are shown in (`<samples>/000_….txt`).
    public static let path = "<samples>"

    /// Each sample report: its file name (`000_55b3ad02e644708f.txt`) and its bytes.
    public static let reports: [(name: String, bytes: [UInt8])] = encoded.map { entry in
        // The literal is written by the script: it always decodes.
        let data = Data(base64Encoded: entry.base64, options: .ignoreUnknownCharacters) ?? Data()
        return (entry.name, [UInt8](data))
    }
}
