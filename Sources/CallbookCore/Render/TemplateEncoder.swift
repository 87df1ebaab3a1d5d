/// Turns an `Encodable` page context into what Mustache reads, in one pass per page: structs
/// become `TemplateObject`s (a name look-up is one hash look-up, with no `Mirror` at each
/// `{{name}}`), arrays become arrays, strings `TemplateText`s, and numbers and Booleans stay as
/// they are. A nil
/// optional is left out, as synthesised `Encodable` leaves it out: the template then looks its
/// name up in the enclosing sections, as for any missing name. Encoding two values into the same
/// encoder merges their names, the later value winning (a page's data over its layout's).
struct TemplateEncoder {
    /// The template data of `value`; with `names`, only the values under those names (no tag
    /// of the theme looks up any other, see `TemplateFrames`).
    static func encode(_ value: some Encodable, keeping names: [String: Int]? = nil) throws -> Any {
        let encoder = TemplateValueEncoder(names: names)
        try value.encode(to: encoder)
        return encoder.result
    }
}

/// The names and values of an object being encoded, shared by its containers.
private final class ObjectStorage {
    var values: [String: Any] = [:]
}

/// The elements of an array being encoded, shared by its containers.
private final class ArrayStorage {
    var values: [Any] = []
}

/// The encoder of one value: an object, an array or a single value, whichever its `encode(to:)`
/// asks for.
private final class TemplateValueEncoder: Encoder {
    enum Storage {
        case none
        case object(ObjectStorage)
        case array(ArrayStorage)
        case single(Any)
    }

    let codingPath: [any CodingKey]
    /// The names kept in objects; nil for all.
    let names: [String: Int]?
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var storage = Storage.none

    init(codingPath: [any CodingKey] = [], names: [String: Int]?) {
        self.codingPath = codingPath
        self.names = names
    }

    /// What was encoded; an object without names when nothing was.
    var result: Any {
        switch storage {
        case .none: TemplateObject(values: [:])
        case .object(let object): TemplateObject(values: object.values)
        case .array(let array): array.values
        case .single(let value): value
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let object: ObjectStorage
        if case .object(let existing) = storage {
            object = existing
        } else {
            object = ObjectStorage()
            storage = .object(object)
        }
        return KeyedEncodingContainer(ObjectContainer<Key>(object: object, codingPath: codingPath, names: names))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let array: ArrayStorage
        if case .array(let existing) = storage {
            array = existing
        } else {
            array = ArrayStorage()
            storage = .array(array)
        }
        return ArrayContainer(array: array, codingPath: codingPath, names: names)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleContainer(encoder: self)
    }

    /// The template data of `value`: scalars as they are, anything else through its encoder
    /// (the coding path is made only for that encoder: most values are scalars).
    static func value(of value: some Encodable, at codingPath: @autoclosure () -> [any CodingKey], names: [String: Int]?) throws -> Any {
        switch value {
        case let string as String: return TemplateText(string)
        case let bool as Bool: return bool
        case let int as Int: return int
        default:
            let encoder = TemplateValueEncoder(codingPath: codingPath(), names: names)
            try value.encode(to: encoder)
            return encoder.result
        }
    }
}

/// Sets the names of an object.
private struct ObjectContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let object: ObjectStorage
    let codingPath: [any CodingKey]
    let names: [String: Int]?

    /// False for a name no tag looks up.
    private func keeps(_ key: Key) -> Bool {
        names.map { $0[key.stringValue] != nil } ?? true
    }

    mutating func encodeNil(forKey key: Key) throws {
        object.values[key.stringValue] = nil
    }

    mutating func encode(_ value: some Encodable, forKey key: Key) throws {
        guard keeps(key) else { return }
        object.values[key.stringValue] = try TemplateValueEncoder.value(of: value, at: codingPath + [key], names: names)
    }

    // The scalars as `value(of:at:)` makes them, without its casts (synthesised `encode(to:)`
    // calls these for String, Bool and Int properties).
    mutating func encode(_ value: String, forKey key: Key) throws {
        guard keeps(key) else { return }
        object.values[key.stringValue] = TemplateText(value)
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        guard keeps(key) else { return }
        object.values[key.stringValue] = value
    }

    mutating func encode(_ value: Int, forKey key: Key) throws {
        guard keeps(key) else { return }
        object.values[key.stringValue] = value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        preconditionFailure("template contexts encode objects as values, not as nested containers")
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        preconditionFailure("template contexts encode arrays as values, not as nested containers")
    }

    mutating func superEncoder() -> any Encoder {
        preconditionFailure("template contexts have no superclass data")
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        preconditionFailure("template contexts have no superclass data")
    }
}

/// Appends the elements of an array.
private struct ArrayContainer: UnkeyedEncodingContainer {
    let array: ArrayStorage
    let codingPath: [any CodingKey]
    let names: [String: Int]?
    var count: Int { array.values.count }

    mutating func encodeNil() throws {
        array.values.append(false)
    }

    mutating func encode(_ value: some Encodable) throws {
        array.values.append(try TemplateValueEncoder.value(of: value, at: codingPath, names: names))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        preconditionFailure("template contexts encode objects as values, not as nested containers")
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        preconditionFailure("template contexts encode arrays as values, not as nested containers")
    }

    mutating func superEncoder() -> any Encoder {
        preconditionFailure("template contexts have no superclass data")
    }
}

/// Sets the value of a scalar (or of a wrapper that stands for one).
private struct SingleContainer: SingleValueEncodingContainer {
    let encoder: TemplateValueEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    /// A template's "no value" that stops the look-up in enclosing sections.
    mutating func encodeNil() throws {
        encoder.storage = .single(false)
    }

    mutating func encode(_ value: some Encodable) throws {
        encoder.storage = .single(try TemplateValueEncoder.value(of: value, at: codingPath, names: encoder.names))
    }
}
