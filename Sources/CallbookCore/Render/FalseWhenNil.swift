/// An optional template value that is always set, to `false` when absent: the template then
/// reads "no value" here instead of looking the name up in the enclosing sections (a session
/// without a page must not take the link of the feed around it).
@propertyWrapper
struct FalseWhenNil<Value: Encodable & Sendable>: Encodable, Sendable {
    var wrappedValue: Value?

    init(wrappedValue: Value?) {
        self.wrappedValue = wrappedValue
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}
