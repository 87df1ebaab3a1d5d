import Mustache

/// The HTML escaping of `{{name}}` in the default theme, registered with swift-mustache as the
/// content type `CALLBOOK_HTML` (each template starts `{{% CONTENT_TYPE: CALLBOOK_HTML }}`):
/// the characters swift-mustache's own HTML escaping replaces (`& < > " '`), replaced the same
/// way, but byte by byte. swift-mustache's goes character by character through a dictionary,
/// which was a twentieth of a build; a theme without the pragma gets that one, with the same
/// output.
struct TemplateEscaping: MustacheContentType {
    static let name = "CALLBOOK_HTML"

    /// Registers the content type (once, before any template is parsed).
    static let registered: Void = MustacheContentTypes.register(TemplateEscaping(), named: name)

    func escapeText(_ text: String) -> String {
        guard text.containsByte(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            case 0x22: out.append(contentsOf: "&quot;".utf8)
            case 0x27: out.append(contentsOf: "&#39;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
