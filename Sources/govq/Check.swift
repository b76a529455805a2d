import ArgumentParser

/// `govq check [PATH…]` (stub).
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Load reports and list every inconsistency.")
    func run() throws {}
}
