import CallbookCore
import Foundation
import Testing

/// Every file read for a book lies inside its project root: the nearest folder holding `.git`
/// at or above the book folder, else the book folder's parent; only `--root` widens it.
/// A file outside is a `read-outside-root` error and its contents reach neither the site nor
/// the search index, whichever way the book names it.
@Suite struct ProjectRootTests {
    /// A secret in a temporary folder beside the book's scratch folder (outside its root).
    struct Secret {
        static let text = "TOP-SECRET-c4ll600k"
        let folder: URL
        var file: URL { folder.appendingPathComponent("secret.txt") }

        init() throws {
            folder = FileManager.default.temporaryDirectory
                .appendingPathComponent("callbook-secret-\(UUID().uuidString)", isDirectory: true)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("\(Secret.text)\nroot:x:0:0:secret\n".utf8).write(to: file)
        }

        /// The secret's path written relative to the book folder (`../../callbook-secret-…/secret.txt`).
        func relative(from book: TemporaryBook) -> String {
            "../../" + folder.lastPathComponent + "/secret.txt"
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    /// One way a chapter can name a file: the chapter text (given the secret's path as the
    /// chapter would write it) and the files to set up beside it.
    struct Attack: Sendable, CustomTestStringConvertible {
        var name: String
        /// The path form: `absolute` (the secret's absolute path) or `relative` (`../..`).
        var absolute: Bool
        var chapter: @Sendable (String) -> String
        /// Symbolic links to make in the book (book-relative name → the secret).
        var links: [String] = []
        var testDescription: String { name }
    }

    static let attacks: [Attack] = [
        Attack(name: "include, absolute path", absolute: true, chapter: { "# A\n\n```{include} \($0)\n```\n" }),
        Attack(name: "include, relative path", absolute: false, chapter: { "# A\n\n```{include} \($0)\n```\n" }),
        Attack(name: "include :literal:", absolute: false, chapter: { "# A\n\n```{include} \($0)\n:literal:\n```\n" }),
        Attack(name: "literalinclude, absolute path", absolute: true, chapter: { "# A\n\n```{literalinclude} \($0)\n```\n" }),
        Attack(name: "figure", absolute: false, chapter: { "# A\n\n```{figure} \($0)\n:alt: x\n```\n" }),
        Attack(name: "image", absolute: false, chapter: { "# A\n\n```{image} \($0)\n:alt: x\n```\n" }),
        Attack(name: "markdown image", absolute: false, chapter: { "# A\n\n![x](\($0))\n" }),
        Attack(name: "markdown link", absolute: false, chapter: { "# A\n\n[the file](\($0))\n" }),
        Attack(name: "include of a link in the book", absolute: false, chapter: { _ in "# A\n\n```{include} inside.txt\n```\n" },
               links: ["inside.txt"]),
        Attack(name: "figure of a link in the book", absolute: false, chapter: { _ in "# A\n\n```{figure} pic.png\n:alt: x\n```\n" },
               links: ["pic.png"]),
        Attack(name: "figure pic.* picking a link", absolute: false, chapter: { _ in "# A\n\n```{figure} pic.*\n:alt: x\n```\n" },
               links: ["pic.svg"]),
        Attack(name: "chapter that is a link", absolute: false, chapter: { _ in "# A\n\nSee [B](b.md).\n" }, links: ["b.md"]),
    ]

    /// Writes the attack into a fresh book (`index.md`, plus `b.md` when it is not a link),
    /// builds it, and returns the result, the written files and the secret.
    static func build(_ attack: Attack, target: String? = nil) async throws -> (BuildResult, [String: Data]) {
        let book = try TemporaryBook()
        let secret = try Secret()
        defer { book.remove(); secret.remove() }
        let path = target ?? (attack.absolute ? secret.file.path : secret.relative(from: book))
        try book.write("index.md", attack.chapter(path))
        for link in attack.links {
            try FileManager.default.createSymbolicLink(atPath: book.directory.appendingPathComponent(link).path,
                                                       withDestinationPath: target ?? secret.file.path)
        }
        let output = book.outside("site")
        let result = await book.build(output: output)
        return (result, BuildInspection.snapshot(output))
    }

    static func leaks(_ result: BuildResult, _ written: [String: Data], _ marker: String) -> [String] {
        var found = written.filter { String(decoding: $0.value, as: UTF8.self).contains(marker) }.map(\.key)
        for file in (result.site?.pages ?? []) + (result.site?.generated ?? []) where file.contents.contains(marker) {
            found.append(file.path)
        }
        return found
    }

    @Test(arguments: attacks)
    func fileOutsideTheRootIsAnErrorAndNotRead(_ attack: Attack) async throws {
        let (result, written) = try await Self.build(attack)
        let refused = result.diagnostics.filter { $0.id == "read-outside-root" }
        #expect(refused.count == 1, "\(BuildInspection.describe(result.diagnostics))")
        let error = try #require(refused.first)
        #expect(error.severity == .error)
        #expect(error.message.contains("is outside the project root"), "\(error.message)")
        #expect(error.range?.file.hasPrefix("book/") == true, "\(error)")
        #expect(result.wroteSite, "errors in a chapter still write the rest")
        #expect(!written.isEmpty)
        #expect(Self.leaks(result, written, Secret.text).isEmpty, "the secret reached \(Self.leaks(result, written, Secret.text))")
    }

    /// The same attacks on `/etc/passwd` itself: its `root:x:0:0` line appears nowhere.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/etc/passwd")), arguments: attacks)
    func etcPasswdIsNeverPublished(_ attack: Attack) async throws {
        let relative = String(repeating: "../", count: 12) + "etc/passwd"
        let (result, written) = try await Self.build(attack, target: attack.absolute || !attack.links.isEmpty ? "/etc/passwd" : relative)
        #expect(result.diagnostics.contains { $0.id == "read-outside-root" && $0.severity == .error },
                "\(BuildInspection.describe(result.diagnostics))")
        #expect(Self.leaks(result, written, "root:x:0:0").isEmpty)
    }

    @Test func aFileThatDoesNotExistIsMissingWhereverItWouldBe() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("index.md", "# A\n\n```{include} ../../../../../nowhere-\(UUID().uuidString).md\n```\n")
        let result = await book.build()
        #expect(result.diagnostics.map(\.id) == ["include-missing"], "\(BuildInspection.describe(result.diagnostics))")
    }

    @Test func theBookFolderParentIsTheRootWithoutGit() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        // `../figures` (the book folder's parent) stays readable, as The Turing Way needs.
        try book.write("../figures/pic.png", "PNG")
        try book.write("../notes.md", "Shared *notes*.\n")
        try book.write("index.md", "# A\n\n![a pic](../figures/pic.png)\n\n```{include} ../notes.md\n```\n")
        let result = await book.build()
        #expect(result.diagnostics.isEmpty, "\(BuildInspection.describe(result.diagnostics))")
        #expect(try #require(BuildInspection.page(result, "index.html")).contains("Shared <em>notes</em>."))
        #expect(try ProjectRoot(bookDirectory: book.directory).path == book.root.resolvingSymlinksInPath().path)
    }

    /// A `.git` folder (a repository) or file (a worktree) at or above the book sets the root.
    @Test(arguments: [true, false])
    func theNearestGitFolderIsTheRoot(gitIsFolder: Bool) async throws {
        let scratch = try TemporaryBook(bookFolder: "repo/docs/book")
        defer { scratch.remove() }
        let repo = scratch.root.appendingPathComponent("repo")
        if gitIsFolder {
            try FileManager.default.createDirectory(at: repo.appendingPathComponent(".git"), withIntermediateDirectories: true)
        } else {
            try Data("gitdir: /elsewhere/.git/worktrees/repo\n".utf8).write(to: repo.appendingPathComponent(".git"))
        }
        try scratch.write("../../README.md", "Repository *readme*.\n")
        try scratch.write("../../../beside.md", "Beside the repository.\n")
        try scratch.write("index.md", "# A\n\n```{include} ../../README.md\n```\n\n```{include} ../../../beside.md\n```\n")
        let result = await Build.run(BuildOptions(bookDirectory: scratch.directory, displayRoot: "book",
                                                  output: scratch.outside("site"), themeDirectory: TemporaryBook.themeDirectory))
        #expect(result.diagnostics.map(\.id) == ["read-outside-root"], "\(BuildInspection.describe(result.diagnostics))")
        #expect(result.diagnostics.first?.range?.description == "book/index.md:6:1")
        let realRepo = try ProjectRoot(bookDirectory: repo, explicit: repo).path
        #expect(result.diagnostics.first?.message.contains("'\(realRepo)'") == true, "\(result.diagnostics)")
        let page = try #require(BuildInspection.page(result, "index.html"))
        #expect(page.contains("Repository <em>readme</em>."))
        #expect(!page.contains("Beside the repository."))
    }

    /// `--root` (a build option, never the book's configuration) widens the root.
    @Test func rootOptionWidensTheRoot() async throws {
        let book = try TemporaryBook()
        let secret = try Secret()
        defer { book.remove(); secret.remove() }
        try book.write("index.md", "# A\n\n```{include} \(secret.relative(from: book))\n:literal:\n```\n")
        var options = BuildOptions(bookDirectory: book.directory, displayRoot: "book", output: book.outside("site"),
                                   themeDirectory: TemporaryBook.themeDirectory)
        options.projectRoot = FileManager.default.temporaryDirectory
        let result = await Build.run(options)
        #expect(result.diagnostics.isEmpty, "\(BuildInspection.describe(result.diagnostics))")
        #expect(try #require(BuildInspection.page(result, "index.html")).contains(Secret.text))
    }

    @Test func rootOptionMustHoldTheBook() throws {
        let book = try TemporaryBook()
        let secret = try Secret()
        defer { book.remove(); secret.remove() }
        let diagnostic = LoadErrorTests.thrownDiagnostic {
            _ = try BookLoader(directory: book.directory, displayRoot: "book", projectRoot: secret.folder).load()
        }
        #expect(diagnostic?.id == "root-outside-book")
        let missing = LoadErrorTests.thrownDiagnostic {
            _ = try ProjectRoot(bookDirectory: book.directory, explicit: secret.folder.appendingPathComponent("nope"))
        }
        #expect(missing?.id == "root-missing")
    }

    /// Configuration files are book files too: a `myst.yml` or `calls.yml` that is a link out
    /// of the root is refused before anything of it is read.
    @Test(arguments: ["myst.yml", "calls.yml", "_config.yml"])
    func configurationOutsideTheRootIsRefused(_ name: String) throws {
        let book = try TemporaryBook()
        let secret = try Secret()
        defer { book.remove(); secret.remove() }
        try book.write("index.md", "# A\n")
        try FileManager.default.createSymbolicLink(atPath: book.directory.appendingPathComponent(name).path,
                                                   withDestinationPath: secret.file.path)
        let diagnostic = LoadErrorTests.thrownDiagnostic { _ = try book.load() }
        #expect(diagnostic?.id == "read-outside-root")
        #expect(diagnostic?.range?.description == "book/\(name):1:1")
        #expect(diagnostic?.description.contains(Secret.text) == false)
    }

    /// The logo named by the configuration is copied only from inside the root.
    @Test func logoOutsideTheRootIsNotCopied() async throws {
        let book = try TemporaryBook()
        let secret = try Secret()
        defer { book.remove(); secret.remove() }
        try book.write("myst.yml", "version: 1\nproject:\n  title: T\nsite:\n  options:\n    logo: \(secret.relative(from: book))\n")
        try book.write("index.md", "# A\n")
        let output = book.outside("site")
        let result = await book.build(output: output)
        #expect(result.diagnostics.map(\.id) == ["read-outside-root"], "\(BuildInspection.describe(result.diagnostics))")
        #expect(result.diagnostics.first?.range?.description == "book/myst.yml:1:1")
        #expect(Self.leaks(result, BuildInspection.snapshot(output), Secret.text).isEmpty)
    }

    /// The book's `_templates/` overrides are book files: one that leads out of the root is
    /// an error and the theme's own template is used.
    @Test func templateOverrideOutsideTheRootIsNotUsed() async throws {
        let book = try TemporaryBook()
        let secret = try Secret()
        defer { book.remove(); secret.remove() }
        try book.write("index.md", "# A\n")
        try book.write("_templates/static/extra.css", "body {}\n")
        try FileManager.default.createSymbolicLink(atPath: book.directory.appendingPathComponent("_templates/page.mustache").path,
                                                   withDestinationPath: secret.file.path)
        let output = book.outside("site")
        let result = await book.build(output: output)
        #expect(result.diagnostics.map(\.id) == ["read-outside-root"], "\(BuildInspection.describe(result.diagnostics))")
        #expect(result.diagnostics.first?.range?.description == "book/_templates/page.mustache:1:1")
        let written = BuildInspection.snapshot(output)
        #expect(written["_static/extra.css"] != nil)
        #expect(Self.leaks(result, written, Secret.text).isEmpty)
    }

    /// A rebuild that reads only the changed chapters (`serve`) keeps the root.
    @Test func aRebuildOfChangedChaptersKeepsTheRoot() async throws {
        let book = try TemporaryBook()
        let secret = try Secret()
        defer { book.remove(); secret.remove() }
        try book.write("index.md", "# A\n")
        var options = BuildOptions(bookDirectory: book.directory, displayRoot: "book", output: book.outside("site"),
                                   themeDirectory: TemporaryBook.themeDirectory)
        options.keepsState = true
        let first = await Build.run(options)
        #expect(first.diagnostics.isEmpty)
        #expect(first.state.book != nil)
        try book.write("index.md", "# A\n\n```{include} \(secret.file.path)\n:literal:\n```\n")
        let changed = book.directory.appendingPathComponent("index.md").standardizedFileURL.path
        let second = await Build.run(options, previous: first.state, changedChapters: [changed])
        #expect(second.diagnostics.map(\.id) == ["read-outside-root"], "\(BuildInspection.describe(second.diagnostics))")
        #expect(Self.leaks(second, BuildInspection.snapshot(book.outside("site")), Secret.text).isEmpty)
    }

    /// The parent rule never makes `/` the root: a folder right below it is its own root.
    @Test func theRootIsNeverTheWholeDisk() throws {
        #expect(ProjectRoot(near: URL(fileURLWithPath: "/")).path == "/")
        let top = try #require(try FileManager.default.contentsOfDirectory(atPath: "/").sorted().first { name in
            var isFolder: ObjCBool = false
            let path = "/" + name
            return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
                && (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) == nil
                && !FileManager.default.fileExists(atPath: path + "/.git")
        })
        #expect(ProjectRoot(near: URL(fileURLWithPath: "/" + top)).path == "/" + top)
    }
}
