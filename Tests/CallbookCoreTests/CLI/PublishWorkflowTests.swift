import Foundation
import Testing
import Yams

/// The GitHub workflows cannot run here, so their shape is checked: triggers, jobs, permissions,
/// this repository's own action (`uses: ./`) building the handbook, the Pages actions, and the
/// release archive. `Tests/python/test_action.py` runs the action's steps themselves.
@Suite struct PublishWorkflowTests {
    static let root = SharedData.packageRoot

    static func yaml(_ path: String) throws -> [String: Any] {
        let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        return try #require(try Yams.load(yaml: text) as? [String: Any])
    }

    static func workflow() throws -> [String: Any] { try yaml(".github/workflows/publish.yml") }

    /// YAML 1.1 reads a bare `on` as true; Yams keeps it as the string "on".
    static func triggers(_ workflow: [String: Any]) throws -> [String: Any] {
        try #require((workflow["on"] ?? workflow[true.description]) as? [String: Any])
    }

    static func steps(_ job: [String: Any]) -> [[String: Any]] {
        job["steps"] as? [[String: Any]] ?? []
    }

    /// The step that builds the handbook with this repository's action.
    static func actionStep(_ job: [String: Any]) throws -> [String: Any] {
        let found = steps(job).filter { $0["uses"] as? String == "./" }
        #expect(found.count == 1, "\(steps(job))")
        return try #require(found.first)
    }

    @Test func triggersArePullRequestsAndPushesToMain() throws {
        let triggers = try Self.triggers(try Self.workflow())
        #expect(triggers.keys.contains("pull_request"))
        let push = try #require(triggers["push"] as? [String: Any])
        #expect(push["branches"] as? [String] == ["main"])
    }

    @Test func pullRequestsBuildStrictlyWithTheActionAndCheck() throws {
        let jobs = try #require(try Self.workflow()["jobs"] as? [String: Any])
        let check = try #require(jobs["check"] as? [String: Any])
        #expect((check["if"] as? String)?.contains("pull_request") == true)
        let build = try #require(try Self.actionStep(check)["with"] as? [String: Any])
        #expect(build["book"] as? String == "content")
        #expect(build["strict"] as? Bool == true)
        let runs = Self.steps(check).compactMap { $0["run"] as? String }
        #expect(runs.contains { $0.hasPrefix("callbook check content") && $0.contains("--strict") })
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
        #expect(uses.contains { $0.hasPrefix("actions/deploy-pages@") })
        let checkout = try #require(steps.first { ($0["uses"] as? String)?.hasPrefix("actions/checkout@") == true })
        #expect((checkout["with"] as? [String: Any])?["fetch-depth"] as? Int == 0, "a shallow clone dates every page by its last commit")
        let action = try Self.actionStep(deploy)
        let inputs = try #require(action["with"] as? [String: Any])
        #expect(inputs["book"] as? String == "content")
        #expect(inputs["strict"] as? Bool == true)
        #expect(inputs["base-url"] as? String == "${{ steps.pages.outputs.base_url }}")
        // The site the action built is what is uploaded, after the build.
        let upload = try #require(steps.first { ($0["uses"] as? String)?.hasPrefix("actions/upload-pages-artifact@") == true })
        let id = try #require(action["id"] as? String)
        #expect((upload["with"] as? [String: Any])?["path"] as? String == "${{ steps.\(id).outputs.site }}")
        let buildIndex = try #require(steps.firstIndex { $0["uses"] as? String == "./" })
        let uploadIndex = try #require(steps.firstIndex { ($0["uses"] as? String)?.hasPrefix("actions/upload-pages-artifact@") == true })
        #expect(buildIndex < uploadIndex)
        // Reading the repository is all the workflow may do by default.
        #expect((workflow["permissions"] as? [String: String])?["contents"] == "read")
    }

    @Test func theReadmeWorkflowForOtherBooksUsesTheActionsInputsAndOutputs() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "<!-- other-repository-workflow -->"))
        let end = try #require(readme.range(of: "<!-- /other-repository-workflow -->"))
        let block = readme[start.upperBound..<end.lowerBound].split(separator: "\n").filter { !$0.hasPrefix("```") }.joined(separator: "\n")
        let workflow = try #require(try Yams.load(yaml: block) as? [String: Any])
        let jobs = try #require(workflow["jobs"] as? [String: Any])
        let steps = jobs.values.compactMap { $0 as? [String: Any] }.flatMap(Self.steps)
        let step = try #require(steps.first { ($0["uses"] as? String)?.hasSuffix("/callbook@v1") == true })
        let action = try Self.yaml("action.yml")
        let declared = Set(try #require(action["inputs"] as? [String: Any]).keys)
        let used = Set(try #require(step["with"] as? [String: Any]).keys)
        #expect(used.isSubset(of: declared), "inputs the action does not declare: \(used.subtracting(declared))")
        let outputs = try #require(action["outputs"] as? [String: Any])
        #expect(outputs["site"] != nil)
        let id = try #require(step["id"] as? String)
        #expect(steps.contains { (($0["with"] as? [String: Any])?["path"] as? String) == "${{ steps.\(id).outputs.site }}" })
    }

    @Test func aVersionTagAttachesThePackagedArchiveToItsRelease() throws {
        let release = try Self.yaml(".github/workflows/release.yml")
        let push = try #require(try Self.triggers(release)["push"] as? [String: Any])
        #expect(push["tags"] as? [String] == ["v*"])
        #expect((release["permissions"] as? [String: String])?["contents"] == "write")
        let jobs = try #require(release["jobs"] as? [String: Any])
        let runs = jobs.values.compactMap { $0 as? [String: Any] }.flatMap(Self.steps).compactMap { $0["run"] as? String }
        let package = try #require(runs.firstIndex { $0.contains("scripts/package") })
        let upload = try #require(runs.firstIndex { $0.contains("gh release upload") })
        #expect(package < upload)
        #expect(runs.contains { $0.contains("--version") && $0.contains("GITHUB_REF_NAME") }, "the tag is not checked against the version")
    }
}
