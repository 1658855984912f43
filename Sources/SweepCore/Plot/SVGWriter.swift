// A minimal XML writer for the charts: elements with attributes in a stable (sorted) order and
// escaped text, so the same chart always gives the same bytes.

import Foundation

/// Builds an SVG document as text.
struct SVGWriter {
    private(set) var output = ""
    private var depth = 0

    mutating func open(_ tag: String, _ attributes: [String: String]) {
        output += indent + "<\(tag)\(Self.render(attributes))>\n"
        depth += 1
    }

    mutating func close(_ tag: String) {
        depth -= 1
        output += indent + "</\(tag)>\n"
    }

    mutating func element(_ tag: String, _ attributes: [String: String]) {
        output += indent + "<\(tag)\(Self.render(attributes))/>\n"
    }

    mutating func text(_ content: String, _ attributes: [String: String], tag: String = "text") {
        output += indent + "<\(tag)\(Self.render(attributes))>\(Self.escape(content))</\(tag)>\n"
    }

    private var indent: String { String(repeating: " ", count: depth) }

    static func render(_ attributes: [String: String]) -> String {
        attributes.keys.sorted().map { " \($0)=\"\(escape(attributes[$0] ?? ""))\"" }.joined()
    }

    /// Escapes the five XML special characters.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// A coordinate with at most two decimals.
    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded.rounded() == rounded ? String(Int(rounded)) : String(rounded)
    }
}
