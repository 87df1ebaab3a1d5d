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
        var out: [UInt8] = []
        write(into: &out, depth: 0, pretty: pretty, scriptSafe: scriptSafe)
        return String(decoding: out, as: UTF8.self)
    }

    /// Written as bytes, strings quoted straight into them (`JSONString.append`).
    private func write(into out: inout [UInt8], depth: Int, pretty: Bool, scriptSafe: Bool) {
        func put(_ text: String) { out.append(contentsOf: text.utf8) }
        /// A line break and the indentation of `level`, when `pretty`.
        func newline(_ level: Int) {
            guard pretty else { return }
            out.append(0x0A)
            out.append(contentsOf: repeatElement(0x20, count: 2 * level))
        }
        switch self {
        case .string(let text): JSONString.append(text, to: &out, scriptSafe: scriptSafe)
        case .int(let value): put(String(value))
        case .bool(let value): put(value ? "true" : "false")
        case .null: put("null")
        case .array(let items):
            guard !items.isEmpty else { put("[]"); return }
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(depth + 1)
                item.write(into: &out, depth: depth + 1, pretty: pretty, scriptSafe: scriptSafe)
            }
            newline(depth)
            out.append(UInt8(ascii: "]"))
        case .object(let fields):
            guard !fields.isEmpty else { put("{}"); return }
            out.append(UInt8(ascii: "{"))
            for (index, (key, value)) in fields.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(depth + 1)
                JSONString.append(key, to: &out, scriptSafe: scriptSafe)
                put(pretty ? ": " : ":")
                value.write(into: &out, depth: depth + 1, pretty: pretty, scriptSafe: scriptSafe)
            }
            newline(depth)
            out.append(UInt8(ascii: "}"))
        }
    }
}
