@testable import CallbookCore
import Testing

/// Directive and role names are matched without regard to case, as Jupyter Book matches them,
/// and the standard registries declare each name once (a name declared twice is an error).
@Suite struct DirectiveNameCaseTests {
    @Test func capitalisedNamesAreTheSameDirectivesAndRoles() {
        let (doc, diagnostics) = MystLayer.parse("""
            ```{Note}
            Careful, see {Ref}`here` and {SUB}`2`.
            ```

            :::{ATTENTION}
            Look.
            :::
            """)
        #expect(diagnostics.filter { $0.id.hasPrefix("unknown") }.isEmpty, "\(diagnostics)")
        let html = HTMLRenderer().render(doc)
        #expect(html.contains("admonition note"), "\(html)")
        #expect(html.contains("admonition attention"), "\(html)")
        #expect(html.contains("<sub>2</sub>"))
    }

    /// What `DirectiveRegistry.standard` and `RoleRegistry.standard` do when first used: a name
    /// declared twice there would stop the program at start-up.
    @Test func standardRegistriesDeclareEachNameOnce() throws {
        _ = try DirectiveRegistry(DirectiveRegistry.standardSpecs)
        _ = try RoleRegistry(RoleRegistry.standardSpecs)
        #expect(DirectiveRegistry.standard.spec(named: "NOTE")?.names.first == "note")
        #expect(RoleRegistry.standard.spec(named: "Ref") != nil)
    }

    @Test func aDirectiveNameDeclaredTwiceIsAnError() throws {
        let again = DirectiveSpec(names: ["Figure", "mine"]) { _, _ in [] }
        #expect(throws: DuplicateSyntaxName(kind: "directive", names: ["figure"])) {
            try DirectiveRegistry(DirectiveRegistry.standardSpecs + [again])
        }
        #expect(throws: DuplicateSyntaxName(kind: "directive", names: ["note"])) {
            try DirectiveRegistry([Admonitions.specs[0], DirectiveSpec(names: ["NOTE"]) { _, _ in [] }])
        }
        let mine = DirectiveSpec(names: ["mine", "Other"]) { _, _ in [] }
        #expect(throws: DuplicateSyntaxName(kind: "directive", names: ["mine", "other"])) {
            try DirectiveRegistry([mine, mine])
        }
    }

    @Test func aRoleNameDeclaredTwiceIsAnError() throws {
        let again = RoleSpec(names: ["mine", "Ref"]) { _, _, _, _ in [] }
        #expect(throws: DuplicateSyntaxName(kind: "role", names: ["ref"])) {
            try RoleRegistry(RoleRegistry.standardSpecs + [again])
        }
        #expect(throws: DuplicateSyntaxName(kind: "role", names: ["sub", "subscript"])) {
            try RoleRegistry(FormattingRoles.specs + [RoleSpec(names: ["SUB", "Subscript"]) { _, _, _, _ in [] }])
        }
    }

    @Test func anOptionWrittenByItsAliasReachesTheDirectiveByItsName() {
        let (doc, diagnostics) = MystLayer.parse("""
            ```{math}
            :name: eq-one
            x
            ```

            ```{figure} pic.png
            :alt: A picture
            :label: fig-one
            Caption.
            ```
            """)
        #expect(diagnostics.filter { $0.id.hasPrefix("directive-option") }.isEmpty, "\(diagnostics)")
        var labels: [String] = []
        doc.walk(block: { block in
            switch block.kind {
            case .math(let math): labels.append(math.label ?? "-")
            case .container(let container): labels.append(container.label ?? "-")
            default: break
            }
        })
        #expect(labels == ["eq-one", "fig-one"])
        // The tree keeps the options as written.
        let written = doc.children.compactMap { block -> String? in
            if case .directive(let directive) = block.kind { return directive.options.first?.name } else { return nil }
        }
        #expect(written == ["name", "alt"])
    }

    /// mystmd declares `label` with the alias `name` on `div`, `tab-set`, `tab-item`, `dropdown`,
    /// `aside` (and `margin`, `sidebar`), `topic` and `include` (myst-directives' `div.ts`,
    /// `aside.ts`, `topic.ts`, `dropdown.ts`, `include.ts`, myst-ext-tabs).
    @Test func directivesTakeALabelWrittenEitherWayAsMystmdDoes() {
        let directives = ["div", "tab-set", "tab-item", "dropdown", "aside", "margin", "sidebar", "topic Title"]
        for spelling in ["label", "name"] {
            let text = directives.map { "```{\($0)}\n:\(spelling): x\nText.\n```\n" }.joined(separator: "\n")
                + "\n```{include} missing.md\n:\(spelling): x\n```\n"
            let (_, diagnostics) = MystLayer.parse(text)
            #expect(diagnostics.filter { $0.id == "directive-option-unknown" }.isEmpty, "\(spelling): \(diagnostics)")
        }
        let (_, diagnostics) = MystLayer.parse("```{dropdown}\n:bogus: 1\nText.\n```\n")
        #expect(diagnostics.first { $0.id == "directive-option-unknown" }?.message.contains("label, margin, name") == true,
                "\(diagnostics)")
    }

    @Test func anUnknownOptionListsEveryNameIncludingAliases() {
        let (_, diagnostics) = MystLayer.parse("```{math}\n:bogus: 1\nx\n```\n")
        #expect(diagnostics.map(\.message) == ["unknown option 'bogus' for {math}; allowed: class, label, name, nowrap"])
    }
}
