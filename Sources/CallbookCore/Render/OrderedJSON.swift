/// A JSON value whose object keys keep the order they are given in, so generated JSON
/// (`calls.json`, JSON-LD) is stable from build to build and easy to diff.
public indirect enum OrderedJSON: Sendable {
    case string(String), int(Int), bool(Bool), null
    case array([OrderedJSON])
    case object([(String, OrderedJSON)])

    /// A string, or `null` for nil.
    public static func optional(_ text: String?) -> OrderedJSON { text.map { .string($0) } ?? .null }

    /// The JSON text: indented by two spaces when `pretty`, else on one line. With
    /// `scriptSafe`, `<` and the line separators are escaped, so it can sit inside a `<script>`.
    public func text(pretty: Bool = true, scriptSafe: Bool = false) -> String {
        var out = ""
        write(into: &out, depth: 0, pretty: pretty, scriptSafe: scriptSafe)
        return out
    }

    private func write(into out: inout String, depth: Int, pretty: Bool, scriptSafe: Bool) {
        let newline = pretty ? "\n" + String(repeating: "  ", count: depth + 1) : ""
        let close = pretty ? "\n" + String(repeating: "  ", count: depth) : ""
        switch self {
        case .string(let text): out += JSONString.quote(text, scriptSafe: scriptSafe)
        case .int(let value): out += String(value)
        case .bool(let value): out += value ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "["
            for (index, item) in items.enumerated() {
                out += (index == 0 ? "" : ",") + newline
                item.write(into: &out, depth: depth + 1, pretty: pretty, scriptSafe: scriptSafe)
            }
            out += close + "]"
        case .object(let fields):
            guard !fields.isEmpty else { out += "{}"; return }
            out += "{"
            for (index, (key, value)) in fields.enumerated() {
                out += (index == 0 ? "" : ",") + newline + JSONString.quote(key, scriptSafe: scriptSafe) + (pretty ? ": " : ":")
                value.write(into: &out, depth: depth + 1, pretty: pretty, scriptSafe: scriptSafe)
            }
            out += close + "}"
        }
    }
}
