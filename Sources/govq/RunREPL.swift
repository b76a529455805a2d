import ArgumentParser

extension Govq {
    /// The interactive REPL (stub).
    func runREPL() throws {
        throw ExitStatus.usageOrQuery
    }
}
