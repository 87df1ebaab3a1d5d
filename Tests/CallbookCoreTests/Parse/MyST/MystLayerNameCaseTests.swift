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

    @Test func standardRegistriesDeclareEachNameOnce() {
        #expect(DirectiveRegistry.standard.duplicateNames.isEmpty)
        #expect(RoleRegistry.standard.duplicateNames.isEmpty)
        let twice = DirectiveRegistry([Admonitions.specs[0], Admonitions.specs[0]])
        #expect(!twice.duplicateNames.isEmpty)
        #expect(RoleRegistry(FormattingRoles.specs + [RoleSpec(names: ["SUB"]) { _, _, _, _ in [] }]).duplicateNames == ["sub"])
    }

    @Test func aDirectiveNameDeclaredTwiceIsAnError() throws {
        #expect(try DirectiveRegistry.declaring(DirectiveRegistry.standardSpecs).duplicateNames.isEmpty)
        let again = DirectiveSpec(names: ["Figure", "mine"]) { _, _ in [] }
        #expect(throws: DuplicateSyntaxName(kind: "directive", names: ["figure"])) {
            try DirectiveRegistry.declaring(DirectiveRegistry.standardSpecs + [again])
        }
        #expect(throws: DuplicateSyntaxName(kind: "directive", names: ["note"])) {
            try DirectiveRegistry.declaring([Admonitions.specs[0], DirectiveSpec(names: ["NOTE"]) { _, _ in [] }])
        }
    }

    @Test func aRoleNameDeclaredTwiceIsAnError() throws {
        #expect(try RoleRegistry.declaring(RoleRegistry.standardSpecs).duplicateNames.isEmpty)
        let again = RoleSpec(names: ["mine", "Ref"]) { _, _, _, _ in [] }
        #expect(throws: DuplicateSyntaxName(kind: "role", names: ["ref"])) {
            try RoleRegistry.declaring(RoleRegistry.standardSpecs + [again])
        }
        #expect(throws: DuplicateSyntaxName(kind: "role", names: ["sub", "subscript"])) {
            try RoleRegistry.declaring(FormattingRoles.specs + [RoleSpec(names: ["SUB", "Subscript"]) { _, _, _, _ in [] }])
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

    @Test func anUnknownOptionListsEveryNameIncludingAliases() {
        let (_, diagnostics) = MystLayer.parse("```{math}\n:bogus: 1\nx\n```\n")
        #expect(diagnostics.map(\.message) == ["unknown option 'bogus' for {math}; allowed: class, label, name, nowrap"])
    }
}
