// The embedded default data set: the sample reports in `Samples/reports`, copied next to the
// binary as a resource bundle, so `govq` runs on them from any working directory.
import Foundation

public enum SampleData {
    /// The folder holding the sample report texts, if the resource bundle is present.
    public static var reportsPath: String? {
        if let url = Bundle.module.url(forResource: "reports", withExtension: nil) { return url.path }
        return nil
    }
}
