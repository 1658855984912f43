/// The parameters a preset accepts: name to kind, plus optional documented defaults.
///
/// Sweep files are validated against a schema supplied by the executable (see
/// ``ParameterSchemaProvider``); SweepCore itself knows no parameter names.
public struct ParameterSchema: Sendable, Equatable {
    /// One parameter's declaration.
    public struct Entry: Sendable, Equatable {
        /// Type and range.
        public var kind: ParameterKind
        /// The value used when a sweep does not set the parameter (informational: trials carry only
        /// the parameters their sweep sets; the executor applies defaults).
        public var defaultValue: ParameterValue?
        /// One line for `sweeps/README.md`-style listings.
        public var help: String

        /// Creates an entry.
        public init(_ kind: ParameterKind, default defaultValue: ParameterValue? = nil, help: String = "") {
            self.kind = kind
            self.defaultValue = defaultValue
            self.help = help
        }
    }

    /// Declarations by parameter name (`task.T`, `train.learning_rate`, …).
    public var entries: [String: Entry]

    /// Creates a schema.
    public init(_ entries: [String: Entry]) {
        self.entries = entries
    }

    /// Checks `value` against `name`'s declaration and returns it in canonical form
    /// (integers promoted to reals, integral reals to integers, numbers to one-element lists).
    public func normalize(_ value: ParameterValue, for name: String) throws(SweepError) -> ParameterValue {
        guard let entry = entries[name] else {
            let known = entries.keys.sorted().joined(separator: ", ")
            throw SweepError(.unknownParameter, "unknown parameter '\(name)' (known: \(known))")
        }
        func wrong() -> SweepError {
            SweepError(.wrongType, "parameter '\(name)' must be \(entry.kind.summary), got \(value.canonicalJSON)")
        }
        func outOfRange() -> SweepError {
            SweepError(.badRange, "parameter '\(name)' must be \(entry.kind.summary), got \(value.canonicalJSON)")
        }
        switch entry.kind {
        case .integer(let range):
            guard let int = value.intValue, value.boolValue == nil else { throw wrong() }
            guard range.contains(int) else { throw outOfRange() }
            return .int(int)
        case .real(let range):
            guard let real = value.doubleValue else { throw wrong() }
            guard real.isFinite, range.contains(real) else { throw outOfRange() }
            return .real(real)
        case .boolean:
            guard let bool = value.boolValue else { throw wrong() }
            return .bool(bool)
        case .choice(let options):
            guard let text = value.stringValue else { throw wrong() }
            guard options.contains(text) else { throw outOfRange() }
            return .string(text)
        case .realList(let count):
            guard let list = value.realListValue else { throw wrong() }
            guard count.contains(list.count), list.allSatisfy(\.isFinite) else { throw outOfRange() }
            return .realList(list)
        }
    }
}

/// Maps a preset name to its parameter schema; `nil` means the preset is unknown.
public typealias ParameterSchemaProvider = @Sendable (_ preset: String) -> ParameterSchema?
