@testable import CallbookCore
import Foundation
import Testing

/// The theme as values: `ThemeLoader` reads the folders, `Theme` compiles what was read without
/// touching the disk, and the page keys hash the template texts.
struct ThemeTests {
    /// Templates by name, as if read from `/theme/<name>.mustache`.
    static func files(_ templates: [String: String]) -> ThemeFiles {
        ThemeFiles(templates: Dictionary(uniqueKeysWithValues: templates.map { name, text in
            (name, ThemeFiles.Template(text: text, path: "/theme/\(name).mustache"))
        }), staticFiles: [:])
    }

    @Test func aThemeCompiledFromTextsRendersWithoutItsFolder() throws {
        let theme = try Theme(Self.files(["page": "<h1>{{title}}</h1>"]))
        #expect(try theme.render(["title": "A & B"], template: "page") == "<h1>A &amp; B</h1>")
        #expect(throws: CallbookError.self) { try theme.render(RedirectContext(url: "a.html", title: "A"), template: "missing") }
    }

    /// `{{name}}` is escaped for HTML (`& < > " '`, as swift-mustache escapes them) with or
    /// without the default theme's `{{% CONTENT_TYPE: CALLBOOK_HTML }}`, which does it byte by
    /// byte; a layout rendered through a page that names it escapes the same way. Expected
    /// strings written by hand.
    @Test func callbookEscapingIsMustachesEscaping() throws {
        let value = #"<a href="x">Tom & Jerry's</a> é"#
        let escaped = "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt; é"
        let theme = try Theme(Self.files([
            "plain": "<p>{{value}}</p>",
            "pragma": "{{% CONTENT_TYPE: CALLBOOK_HTML }}<p>{{value}}</p>",
            "layout": "<main>{{value}}{{$body}}{{/body}}</main>",
            "page": "{{% CONTENT_TYPE: CALLBOOK_HTML }}{{<layout}}{{$body}}<i>{{value}}</i>{{/body}}{{/layout}}",
        ]))
        #expect(try theme.render(["value": value], template: "plain") == "<p>\(escaped)</p>")
        #expect(try theme.render(["value": value], template: "pragma") == "<p>\(escaped)</p>")
        #expect(try theme.render(["value": value], template: "page") == "<main>\(escaped)<i>\(escaped)</i></main>")
        #expect(TemplateEscaping().escapeText("plain text") == "plain text")
    }

    @Test func aTemplateSyntaxErrorNamesItsFile() throws {
        do {
            _ = try Theme(Self.files(["page": "<h1>\n{{#open}}</h1>"]))
            Issue.record("a template that does not parse was accepted")
        } catch let error as CallbookError {
            #expect(error.diagnostic.id == "template-syntax")
            #expect(error.diagnostic.range?.file == "/theme/page.mustache")
        }
    }

    /// Two broken templates: the error is always the first's by name (the table's order changes
    /// from one process to the next).
    @Test func ofTwoBrokenTemplatesTheFirstByNameIsReported() throws {
        for _ in 0..<20 {
            var templates = ["page": "{{#open}}", "layout": "ok", "calendar": "{{/close}}"]
            for index in 0..<Int.random(in: 0...12) { templates["extra-\(index)"] = "fine \(index)" }
            do {
                _ = try Theme(Self.files(templates))
                Issue.record("templates that do not parse were accepted")
            } catch let error as CallbookError {
                #expect(error.diagnostic.range?.file == "/theme/calendar.mustache")
            }
        }
    }

    @Test func theLoaderLetsTheBookOverrideATemplateByName() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("theme-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let theme = root.appendingPathComponent("theme"), overrides = root.appendingPathComponent("book/_templates")
        try FileManager.default.createDirectory(at: theme.appendingPathComponent("static"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: overrides, withIntermediateDirectories: true)
        try "default page".write(to: theme.appendingPathComponent("page.mustache"), atomically: true, encoding: .utf8)
        try "default layout".write(to: theme.appendingPathComponent("layout.mustache"), atomically: true, encoding: .utf8)
        try "body {}".write(to: theme.appendingPathComponent("static/style.css"), atomically: true, encoding: .utf8)
        try "book page".write(to: overrides.appendingPathComponent("page.mustache"), atomically: true, encoding: .utf8)

        let loaded = try ThemeLoader.load(directory: theme, overrides: overrides)
        #expect(loaded.templates.mapValues(\.text) == ["page": "book page", "layout": "default layout"])
        #expect(loaded.staticFiles.keys.sorted() == ["style.css"])
        #expect(RenderKeys.themeSignature(loaded) != RenderKeys.themeSignature(try ThemeLoader.load(directory: theme)))
    }

    @Test func anEmptyThemeFolderIsAnError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("theme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: CallbookError.self) { try ThemeLoader.load(directory: folder) }
    }
}
