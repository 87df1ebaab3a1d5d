import Mustache

/// The HTML escaping of `{{name}}` in the default theme, registered with swift-mustache as the
/// content type `CALLBOOK_HTML` (each template starts `{{% CONTENT_TYPE: CALLBOOK_HTML }}`):
/// the characters swift-mustache's own HTML escaping replaces (`& < > " '`), replaced the same
/// way, but byte by byte (`HTMLEscaping`). swift-mustache's goes character by character
/// through a dictionary, which was a twentieth of a build; a theme without the pragma gets that
/// one, with the same output.
struct TemplateEscaping: MustacheContentType {
    static let name = "CALLBOOK_HTML"

    /// Registers the content type (once, before any template is parsed).
    static let registered: Void = MustacheContentTypes.register(TemplateEscaping(), named: name)

    func escapeText(_ text: String) -> String {
        HTMLEscaping.escapeWithApostrophes(text)
    }
}
