@testable import CallbookCore
import Testing

/// Ordered JSON as written by hand: keys in the order given, two-space indentation when pretty,
/// one line otherwise, and `<` and U+2028 escaped only when the JSON sits in a script.
struct OrderedJSONTests {
    static let value = OrderedJSON.object([
        ("name", .string("Café <b>\u{2028}")), ("count", .int(-3)), ("open", .bool(true)), ("none", .null),
        ("items", .array([.string("a\"b"), .array([]), .object([])])), ("nested", .object([("x", .array([.int(1)]))])),
    ])

    @Test func prettyAndCompactTextsAreAsWrittenByHand() {
        let pretty = """
        {
          "name": "Café <b>\u{2028}",
          "count": -3,
          "open": true,
          "none": null,
          "items": [
            "a\\"b",
            [],
            {}
          ],
          "nested": {
            "x": [
              1
            ]
          }
        }
        """
        #expect(Self.value.text() == pretty)
        #expect(Self.value.text(pretty: false, scriptSafe: true)
            == #"{"name":"Café \u003cb>\u2028","count":-3,"open":true,"none":null,"items":["a\"b",[],{}],"nested":{"x":[1]}}"#)
        #expect(OrderedJSON.array([]).text() == "[]")
    }
}
