import Foundation
import Testing
import Yams

/// The GitHub workflow cannot run here, so its shape is checked: triggers, jobs, permissions,
/// the Pages actions, and a build command that is exactly the README's.
@Suite struct PublishWorkflowTests {
    static let root = SharedData.packageRoot

    static func workflow() throws -> [String: Any] {
        let text = try String(contentsOf: root.appendingPathComponent(".github/workflows/publish.yml"), encoding: .utf8)
        return try #require(try Yams.load(yaml: text) as? [String: Any])
    }

    /// The command between the README's `build-command` markers.
    static func readmeBuildCommand() throws -> String {
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "<!-- build-command -->"))
        let end = try #require(readme.range(of: "<!-- /build-command -->"))
        let block = readme[start.upperBound..<end.lowerBound]
        let lines = block.split(separator: "\n").filter { !$0.hasPrefix("```") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        #expect(lines.count == 1)
        return String(lines.first ?? "")
    }

    static func steps(_ job: [String: Any]) -> [[String: Any]] {
        job["steps"] as? [[String: Any]] ?? []
    }

    @Test func triggersArePullRequestsAndPushesToMain() throws {
        let workflow = try Self.workflow()
        // YAML 1.1 reads a bare `on` as true; Yams keeps it as the string "on".
        let triggers = try #require((workflow["on"] ?? workflow[true.description]) as? [String: Any])
        #expect(triggers.keys.contains("pull_request"))
        let push = try #require(triggers["push"] as? [String: Any])
        #expect(push["branches"] as? [String] == ["main"])
    }

    @Test func pullRequestsBuildStrictlyAndCheck() throws {
        let jobs = try #require(try Self.workflow()["jobs"] as? [String: Any])
        let check = try #require(jobs["check"] as? [String: Any])
        #expect((check["if"] as? String)?.contains("pull_request") == true)
        let runs = Self.steps(check).compactMap { $0["run"] as? String }
        #expect(runs.contains(try Self.readmeBuildCommand()))
        #expect(runs.contains { $0.contains("callbook check") && $0.contains("--strict") })
        #expect(runs.contains { $0.contains("libcmark-dev") && $0.contains("libbtparse-dev") })
    }

    @Test func pushesToMainDeployToPagesWithTheRightPermissions() throws {
        let workflow = try Self.workflow()
        let jobs = try #require(workflow["jobs"] as? [String: Any])
        let deploy = try #require(jobs["deploy"] as? [String: Any])
        #expect((deploy["if"] as? String)?.contains("refs/heads/main") == true)
        let permissions = try #require(deploy["permissions"] as? [String: String])
        #expect(permissions["pages"] == "write")
        #expect(permissions["id-token"] == "write")
        let environment = try #require(deploy["environment"] as? [String: Any])
        #expect(environment["name"] as? String == "github-pages")
        let steps = Self.steps(deploy)
        let uses = steps.compactMap { $0["uses"] as? String }
        #expect(uses.contains { $0.hasPrefix("actions/upload-pages-artifact@") })
        #expect(uses.contains { $0.hasPrefix("actions/deploy-pages@") })
        #expect(uses.contains { $0.hasPrefix("actions/checkout@") })
        let upload = try #require(steps.first { ($0["uses"] as? String)?.hasPrefix("actions/upload-pages-artifact@") == true })
        #expect((upload["with"] as? [String: Any])?["path"] as? String == "site")
        // The build runs before the upload, with the README's exact command.
        let buildIndex = try #require(steps.firstIndex { $0["run"] as? String == (try? Self.readmeBuildCommand()) })
        let uploadIndex = try #require(steps.firstIndex { ($0["uses"] as? String)?.hasPrefix("actions/upload-pages-artifact@") == true })
        #expect(buildIndex < uploadIndex)
        // Reading the repository is all the workflow may do by default.
        #expect((workflow["permissions"] as? [String: String])?["contents"] == "read")
    }
}
