/// Where history lives, and that the file is created private.
import Foundation
import GovqREPL
import Testing

@Suite struct HistoryFileTests {
    @Test(arguments: [
        (["XDG_STATE_HOME": "/s", "HOME": "/h"], "/s/govq/history"),
        (["XDG_STATE_HOME": "", "HOME": "/h"], "/h/.govq_history"),
        (["HOME": "/h"], "/h/.govq_history"),
    ])
    func path(environment: [String: String], expected: String) {
        #expect(HistoryFile.path(environment: environment) == expected)
    }

    @Test func noHomeMeansNoHistoryFile() {
        #expect(HistoryFile.path(environment: [:]) == nil)
    }

    @Test func preparedFileAndFolderArePrivate() throws {
        let scratch = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let dir = scratch.appendingPathComponent("state/govq")
        let path = dir.appendingPathComponent("history").path
        #expect(HistoryFile.prepare(path))
        let file = try FileManager.default.attributesOfItem(atPath: path)
        #expect((file[.posixPermissions] as? Int) == 0o600)
        let folder = try FileManager.default.attributesOfItem(atPath: dir.path)
        #expect((folder[.posixPermissions] as? Int) == 0o700)
    }
}
