// A strict RFC 8259 syntax check that runs before JSONDecoder (issue 16, item 6). Foundation's
// decoder on Linux accepts a trailing comma (`{"a": 1,}`, `[1,]`); the API promises JSON, so a body
// that is not is a 400. The check is one linear pass with an explicit stack (no recursion), and it
// also bounds nesting before the decoder, which recurses, sees the body.

/// Checks that bytes are exactly one JSON value (RFC 8259), nested at most ``maximumDepth`` deep.
enum JSONSyntax {
    /// Arrays and objects inside each other; the API's deepest body (a result batch) uses 5.
    static let maximumDepth = 64

    /// nil when `bytes` are one valid JSON text; otherwise why not, with the byte offset.
    static func problem(in bytes: some Collection<UInt8>) -> String? {
        var scanner = Scanner(bytes: Array(bytes))
        return scanner.run()
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        /// Open containers: true for an object.
        var stack: [Bool] = []

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func run() -> String? {
            skipSpace()
            // A value is expected here; after it, a separator or the end of its container.
            while true {
                if let problem = value() { return problem }
                while true {
                    skipSpace()
                    guard let isObject = stack.last else {
                        return index == bytes.count ? nil : "unexpected data after the JSON value at byte \(index)"
                    }
                    guard index < bytes.count else { return "unexpected end of JSON" }
                    let byte = bytes[index]
                    if byte == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                        index += 1
                        stack.removeLast()
                        continue
                    }
                    guard byte == UInt8(ascii: ",") else { return "expected ',' or a closing bracket at byte \(index)" }
                    index += 1
                    skipSpace()
                    if isObject, let problem = key() { return problem }
                    // A value must follow the comma: `]` or `}` here is a trailing comma.
                    break
                }
            }
        }

        /// One value; an opened container leaves its first member (or its immediate end) to `run`.
        mutating func value() -> String? {
            skipSpace()
            guard index < bytes.count else { return "unexpected end of JSON" }
            switch bytes[index] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isObject = bytes[index] == UInt8(ascii: "{")
                guard stack.count < JSONSyntax.maximumDepth else {
                    return "JSON nested more than \(JSONSyntax.maximumDepth) levels deep"
                }
                index += 1
                skipSpace()
                let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if index < bytes.count && bytes[index] == close {
                    // An empty container is a whole value.
                    index += 1
                    return nil
                }
                stack.append(isObject)
                if isObject, let problem = key() { return problem }
                return value()
            case UInt8(ascii: "\""): return string()
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            default: return number()
            }
        }

        /// A member's key and its colon.
        mutating func key() -> String? {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return "expected a key string at byte \(index)" }
            if let problem = string() { return problem }
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return "expected ':' at byte \(index)" }
            index += 1
            return nil
        }

        mutating func string() -> String? {
            let start = index
            index += 1
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    return nil
                case UInt8(ascii: "\\"):
                    guard index + 1 < bytes.count else { return "unterminated string at byte \(start)" }
                    let escaped = bytes[index + 1]
                    if escaped == UInt8(ascii: "u") {
                        let digits = bytes.dropFirst(index + 2).prefix(4)
                        guard digits.count == 4, digits.allSatisfy(Self.isHexDigit) else { return "bad \\u escape at byte \(index)" }
                        index += 6
                    } else {
                        guard "\"\\/bfnrt".utf8.contains(escaped) else { return "bad escape at byte \(index)" }
                        index += 2
                    }
                case 0..<0x20:
                    return "control character in a string at byte \(index)"
                default:
                    index += 1
                }
            }
            return "unterminated string at byte \(start)"
        }

        mutating func literal(_ word: String) -> String? {
            guard bytes.dropFirst(index).starts(with: word.utf8) else { return "invalid literal at byte \(index)" }
            index += word.utf8.count
            return nil
        }

        /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
        mutating func number() -> String? {
            let start = index
            func digits() -> Int {
                let first = index
                while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
                return index - first
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
            let leadingZero = index < bytes.count && bytes[index] == UInt8(ascii: "0")
            let integer = digits()
            guard integer > 0, !(leadingZero && integer > 1) else { return "invalid value at byte \(start)" }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { return "invalid number at byte \(start)" }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard digits() > 0 else { return "invalid number at byte \(start)" }
            }
            return nil
        }

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        static func isHexDigit(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
        }
    }
}
