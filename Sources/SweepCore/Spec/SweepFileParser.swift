// Reads a sweep file (YAML, format in sweeps/README.md) into SweepDefinitions: one per YAML
// document, so one file can hold several sweeps separated by `---` (e.g. a paper table's presets).
// The YAML is composed to `Yams.Node`s rather than decoded, so that every error can name file:line:column.

import Foundation
import Yams

/// Parses and validates sweep files against the parameter schemas of their presets.
///
/// ```swift
/// let parser = SweepFileParser(schemas: { preset in preset == "toy" ? toySchema : nil })
/// let sweep = try parser.parse(contentsOfFile: "sweeps/toy-example.yaml")
/// let trials = sweep.expandTrials()
/// let table = try parser.parseAll(contentsOfFile: "sweeps/paper/table1.yaml")  // one per document
/// ```
public struct SweepFileParser: Sendable {
    /// The largest number of trials one sweep file may expand to.
    public static let maximumTrials = 1_000_000
    static let topLevelKeys = ["name", "description", "preset", "seeds", "fixed", "grid", "random", "search", "budget"]

    /// Supplies the schema for each preset name.
    public var schemas: ParameterSchemaProvider
    /// The presets' cross-parameter checks, run on every configuration; nil checks nothing more.
    public var check: ConfigurationCheck?

    /// Creates a parser that validates parameters with `schemas` and whole configurations with `check`.
    public init(schemas: @escaping ParameterSchemaProvider, check: ConfigurationCheck? = nil) {
        self.schemas = schemas
        self.check = check
    }

    /// Reads and parses a one-sweep file at `path`; errors name `path`.
    public func parse(contentsOfFile path: String) throws(SweepError) -> SweepDefinition {
        try single(parseAll(contentsOfFile: path), file: path)
    }

    /// Parses one-sweep YAML; `file` is only used in error locations.
    public func parse(yaml: String, file: String) throws(SweepError) -> SweepDefinition {
        try single(parseAll(yaml: yaml, file: file), file: file)
    }

    /// Reads and parses every sweep of the file at `path` (one per YAML document), in file order.
    public func parseAll(contentsOfFile path: String) throws(SweepError) -> [SweepDefinition] {
        // The size limit comes before reading, so a huge file is never loaded.
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= YAMLLimits.maximumBytes else { throw YAMLLimits.tooLarge(bytes: size, file: path) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SweepError(.invalidSweep, "\(path): cannot read the sweep file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SweepError(.syntax, "not UTF-8 text", at: SourceLocation(file: path, line: 1, column: 1))
        }
        return try parseAll(yaml: text, file: path)
    }

    /// Parses every sweep of `yaml`, one per document (`---` separates them), all or nothing.
    ///
    /// Every document is a complete sweep with its own name and preset; names must differ. Empty
    /// documents (a trailing `---`) are skipped. Each trial keeps the identity it would have in a
    /// file of its own (sweep name, canonical parameters, seed). The YAML's size, nesting and alias
    /// expansion are checked first (``YAMLLimits``), before anything is composed.
    public func parseAll(yaml: String, file: String) throws(SweepError) -> [SweepDefinition] {
        let context = Context(file: file)
        try YAMLLimits.check(yaml: yaml, file: file)
        var roots: [Node] = []
        do {
            let parser = try Yams.Parser(yaml: yaml)
            while let node = try parser.nextRoot() {
                if node.tagName == .null && (node.scalar?.string ?? "").isEmpty { continue }
                roots.append(node)
            }
        } catch let error as YamlError {
            throw context.translate(error)
        } catch {
            throw context.error(.syntax, "\(error)", nil)
        }
        guard !roots.isEmpty else { throw context.error(.invalidSweep, "the sweep file is empty", nil) }
        let reader = SweepFileReader(context: context, schemas: schemas, check: check)
        var sweeps: [SweepDefinition] = []
        for root in roots {
            let sweep = try reader.read(root)
            if sweeps.contains(where: { $0.name == sweep.name }) {
                let nameNode = root.mapping?.first(where: { $0.key.string == "name" })?.value
                throw context.error(.invalidSweep, "sweep name '\(sweep.name)' is used twice in this file", nameNode ?? root)
            }
            sweeps.append(sweep)
        }
        return sweeps
    }

    private func single(_ sweeps: [SweepDefinition], file: String) throws(SweepError) -> SweepDefinition {
        guard sweeps.count == 1, let sweep = sweeps.first else {
            throw SweepError(
                .invalidSweep, "holds \(sweeps.count) sweeps where one was expected",
                at: SourceLocation(file: file, line: 1, column: 1))
        }
        return sweep
    }
}

extension SweepFileParser {
    /// Turns node marks into locations for one file.
    struct Context {
        var file: String

        func location(_ node: Node?) -> SourceLocation {
            let mark = node?.mark
            return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
        }

        func error(_ code: SweepError.Code, _ detail: String, _ node: Node?) -> SweepError {
            SweepError(code, detail, at: location(node))
        }

        func translate(_ error: YamlError) -> SweepError {
            func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
            switch error {
            case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
                .composer(let context, let problem, let mark, _):
                let prefix = context.map { $0.text + ": " } ?? ""
                return SweepError(.syntax, "YAML syntax: \(prefix)\(problem)", at: at(mark))
            case .duplicatedKeysInMapping(let duplicates, let context):
                let keys = duplicates.joined(separator: ", ")
                return SweepError(.syntax, "duplicate key '\(keys)'", at: at(context.mark))
            default:
                let firstLine = "\(error)".split(whereSeparator: \.isNewline).first.map(String.init) ?? "unreadable"
                return SweepError(.syntax, "YAML: \(firstLine)", at: SourceLocation(file: file, line: 1, column: 1))
            }
        }
    }
}
