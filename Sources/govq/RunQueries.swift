import ArgumentParser

extension Govq {
    /// `-e`, `-f`, or queries piped on stdin (stub).
    func runQueries() throws {
        throw ExitStatus.usageOrQuery
    }
}
