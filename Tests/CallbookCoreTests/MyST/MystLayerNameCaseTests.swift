@testable import CallbookCore
import Testing

/// Directive and role names are matched without regard to case, as Jupyter Book matches them,
/// and the standard registries declare each name once.
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
}
