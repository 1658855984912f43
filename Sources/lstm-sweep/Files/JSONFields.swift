import Foundation

/// Strict reading of a JSON object: every field is checked, unknown fields are errors, and every
/// error names the file and the field path in one line.
struct JSONFields {
    let file: String
    let path: String
    let object: [String: Any]

    /// Parses `data` as a JSON object.
    init(file: String, data: Data) throws {
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            throw InputError("\(file): not valid JSON")
        }
        guard let object = value as? [String: Any] else { throw InputError("\(file): expected a JSON object at the top level") }
        self.init(file: file, path: "", object: object)
    }

    init(file: String, path: String, object: [String: Any]) {
        self.file = file
        self.path = path
        self.object = object
    }

    /// The error for `field`.
    func error(_ field: String, _ message: String) -> InputError {
        InputError("\(file): \(fieldPath(field)): \(message)")
    }

    func fieldPath(_ field: String) -> String { path.isEmpty ? field : "\(path).\(field)" }

    /// Fails on any field not in `known`.
    func rejectUnknown(_ known: Set<String>) throws {
        for key in object.keys.sorted() where !known.contains(key) {
            throw error(key, "unknown field (expected one of: \(known.sorted().joined(separator: ", ")))")
        }
    }

    func has(_ field: String) -> Bool { object[field] != nil && !(object[field] is NSNull) }

    func raw(_ field: String) throws -> Any {
        guard let value = object[field] else { throw error(field, "missing") }
        return value
    }

    func object(_ field: String) throws -> JSONFields {
        guard let value = try raw(field) as? [String: Any] else { throw error(field, "expected an object") }
        return JSONFields(file: file, path: fieldPath(field), object: value)
    }

    func string(_ field: String) throws -> String {
        guard let value = try raw(field) as? String else { throw error(field, "expected a string") }
        return value
    }

    func integer(_ field: String, atLeast minimum: Int) throws -> Int {
        let value = try raw(field)
        guard let number = value as? NSNumber, !Self.isBoolean(value), let int = Int(exactly: number.doubleValue) else {
            throw error(field, "expected an integer")
        }
        guard int >= minimum else { throw error(field, "must be at least \(minimum), got \(int)") }
        return int
    }

    func bool(_ field: String) throws -> Bool {
        let value = try raw(field)
        guard Self.isBoolean(value), let flag = value as? Bool else { throw error(field, "expected true or false") }
        return flag
    }

    /// Whether a JSONSerialization value is `true`/`false` rather than a number. On Linux every NSNumber
    /// bridges to Bool, but only JSON booleans are of a subclass of NSNumber.
    static func isBoolean(_ value: Any) -> Bool {
        value is Bool && type(of: value) != NSNumber.self
    }

    func choice<T: RawRepresentable>(_ field: String, _ type: T.Type) throws -> T where T.RawValue == String, T: CaseIterable {
        let text = try string(field)
        guard let value = T(rawValue: text) else {
            throw error(field, "'\(text)' is not one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    /// An array of finite numbers.
    static func numbers(_ value: Any, count: Int?, name: @autoclosure () -> InputError) throws -> [Double] {
        guard let array = value as? [Any] else { throw name() }
        var result = [Double]()
        result.reserveCapacity(array.count)
        for element in array {
            guard let number = element as? NSNumber, !Self.isBoolean(element), number.doubleValue.isFinite else { throw name() }
            result.append(number.doubleValue)
        }
        if let count, result.count != count { throw name() }
        return result
    }
}
