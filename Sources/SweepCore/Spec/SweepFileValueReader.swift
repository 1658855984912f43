// Reads parameter values (fixed, grid, random) from composed YAML and normalises each through
// the preset's schema, attaching the node's location to any error.

import Yams

/// Reads and validates parameter sections of a sweep file (internal to ``SweepFileParser``).
struct ValueReader {
    struct Axis {
        var name: String
        var values: [ParameterValue]
        var node: Node
    }
    struct RandomEntry {
        var name: String
        var distribution: Distribution
        var node: Node
    }
    struct RandomSection {
        var count: Int
        var parameters: [RandomEntry]
    }

    let context: SweepFileParser.Context
    let schema: ParameterSchema

    func fixed(_ node: Node) throws(SweepError) -> [String: ParameterValue] {
        var values: [String: ParameterValue] = [:]
        for (key, value) in try pairs(node, what: "'fixed'") {
            let name = try parameterName(key)
            values[name] = try normalized(value, for: name)
        }
        return values
    }

    func grid(_ node: Node) throws(SweepError) -> [Axis] {
        var axes: [Axis] = []
        for (key, value) in try pairs(node, what: "'grid'") {
            let name = try parameterName(key)
            guard let items = value.sequence, !items.isEmpty else {
                throw context.error(.wrongType, "grid values of '\(name)' must be a non-empty list", value)
            }
            var values: [ParameterValue] = []
            for item in items {
                let normalizedValue = try normalized(item, for: name)
                guard !values.contains(normalizedValue) else {
                    throw context.error(.invalidSweep, "grid value \(normalizedValue.canonicalJSON) of '\(name)' is listed twice", item)
                }
                values.append(normalizedValue)
            }
            axes.append(Axis(name: name, values: values, node: key))
        }
        return axes
    }

    func random(_ node: Node) throws(SweepError) -> RandomSection {
        var count: Int?
        var parameters: [RandomEntry] = []
        for (key, value) in try pairs(node, what: "'random'") {
            switch key.string {
            case "count":
                guard value.tagName == .int, let number = value.int, (1...1_000_000).contains(number) else {
                    throw context.error(.badRange, "'random.count' must be an integer in 1...1000000", value)
                }
                count = number
            case "params":
                for (nameNode, spec) in try pairs(value, what: "'random.params'") {
                    let name = try parameterName(nameNode)
                    parameters.append(RandomEntry(name: name, distribution: try distribution(spec, for: name), node: nameNode))
                }
            default:
                throw context.error(.invalidSweep, "unknown key '\(key.string ?? "")' in 'random' (expected count, params)", key)
            }
        }
        guard let count else { throw context.error(.invalidSweep, "'random' needs a 'count:'", node) }
        guard !parameters.isEmpty else { throw context.error(.invalidSweep, "'random' needs 'params:'", node) }
        return RandomSection(count: count, parameters: parameters)
    }

    // MARK: - Pieces

    private func distribution(_ node: Node, for name: String) throws(SweepError) -> Distribution {
        let entries = try pairs(node, what: "the distribution of '\(name)'")
        guard entries.count == 1, let (kindNode, argument) = entries.first else {
            throw context.error(.invalidSweep, "'\(name)' needs exactly one of uniform, log_uniform, choice", node)
        }
        let kind = kindNode.string ?? ""
        if kind == "choice" {
            guard let items = argument.sequence, !items.isEmpty else {
                throw context.error(.wrongType, "'choice' of '\(name)' must be a non-empty list", argument)
            }
            var options: [ParameterValue] = []
            for item in items { options.append(try normalized(item, for: name)) }
            return .choice(options)
        }
        guard kind == "uniform" || kind == "log_uniform" else {
            throw context.error(.invalidSweep, "unknown distribution '\(kind)' (expected uniform, log_uniform, choice)", kindNode)
        }
        guard let bounds = argument.sequence, bounds.count == 2 else {
            throw context.error(.wrongType, "'\(kind)' of '\(name)' must be a list [low, high]", argument)
        }
        let low = try normalized(bounds[0], for: name)
        let high = try normalized(bounds[1], for: name)
        guard let lowValue = low.doubleValue, let highValue = high.doubleValue else {
            throw context.error(.wrongType, "'\(kind)' needs a numeric parameter, and '\(name)' is not", kindNode)
        }
        guard lowValue < highValue else {
            throw context.error(.badRange, "'\(kind)' of '\(name)' needs low < high", argument)
        }
        if kind == "uniform" { return .uniform(low: lowValue, high: highValue) }
        guard lowValue > 0 else {
            throw context.error(.badRange, "'log_uniform' of '\(name)' needs positive bounds", bounds[0])
        }
        return .logUniform(low: lowValue, high: highValue)
    }

    private func parameterName(_ key: Node) throws(SweepError) -> String {
        guard let name = key.scalar?.string, schema.entries[name] != nil else {
            let known = schema.entries.keys.sorted().joined(separator: ", ")
            throw context.error(.unknownParameter, "unknown parameter '\(key.string ?? "?")' (known: \(known))", key)
        }
        return name
    }

    private func normalized(_ node: Node, for name: String) throws(SweepError) -> ParameterValue {
        let raw = try value(of: node)
        do {
            return try schema.normalize(raw, for: name)
        } catch {
            throw SweepError(error.code, error.detail, at: context.location(node))
        }
    }

    private func value(of node: Node) throws(SweepError) -> ParameterValue {
        if let items = node.sequence {
            var list: [Double] = []
            for item in items {
                guard item.tagName == .int || item.tagName == .float, let number = item.float else {
                    throw context.error(.wrongType, "list elements must be numbers", item)
                }
                list.append(number)
            }
            return .realList(list)
        }
        guard let scalar = node.scalar else {
            throw context.error(.wrongType, "expected a single value, not a mapping", node)
        }
        switch node.tagName {
        case .int: if let int = node.int { return .int(int) }
        case .float: if let real = node.float { return .real(real) }
        case .bool: if let bool = node.bool { return .bool(bool) }
        case .null: throw context.error(.wrongType, "a value is missing", node)
        default: break
        }
        return .string(scalar.string)
    }

    private func pairs(_ node: Node, what: String) throws(SweepError) -> [(Node, Node)] {
        guard let mapping = node.mapping else {
            throw context.error(.wrongType, "\(what) must be a mapping of 'key: value' lines", node)
        }
        return mapping.map { ($0.key, $0.value) }
    }
}
