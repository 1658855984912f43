import Foundation
import Testing
@testable import SweepCore

/// The strict JSON check in front of the API's decoder (issue 16, item 6: a trailing comma was accepted).
struct JSONSyntaxTests {
    @Test(arguments: [
        "{}", "[]", "0", "-0.5e+3", "\"a\\u00e9\\n\"", "true", " null ", "{\"a\": [1, {\"b\": []}, \"c\"]}",
        "[[[]]]", "{\"a\":{}}", "1E5",
    ])
    func validJSONPasses(text: String) {
        #expect(JSONSyntax.problem(in: Array(text.utf8)) == nil)
        #expect((try? JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed)) != nil)
    }

    @Test(arguments: [
        "{\"a\": 1,}", "[1,]", "[1,,2]", "{,}", "[,]", "{\"a\" 1}", "{\"a\": 1 \"b\": 2}", "01", "1.", ".5", "+1", "1e",
        "\"a", "\"\\x\"", "\"\\u12\"", "tru", "nul", "[1] [2]", "", " ", "{\"a\": 1}}", "[", "{\"a\":", "'a'",
        "\"tab\there\"", "NaN", "[1, 2", "{\"a\": [1, 2,]}",
    ])
    func invalidJSONIsRefused(text: String) {
        #expect(JSONSyntax.problem(in: Array(text.utf8)) != nil)
    }

    @Test func nestingAtTheLimitPassesAndOnePastIsRefused() {
        let depth = JSONSyntax.maximumDepth
        let atLimit = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let past = "[" + atLimit + "]"
        #expect(JSONSyntax.problem(in: Array(atLimit.utf8)) == nil)
        #expect(JSONSyntax.problem(in: Array(past.utf8))?.contains("nested more than 64") == true)
        let objects = String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth)
        #expect(JSONSyntax.problem(in: Array(objects.utf8)) == nil)
    }
}
