// The size limits of a sweep file's YAML, checked on libyaml's event stream before Yams composes
// anything (issue 16, defect 2). Composing is where an alias bomb costs: Yams hashes every mapping key
// with its aliases expanded, so ten nested anchors of nine aliases each, used as one key, cost 9^10
// node visits. The event pass is linear in the text and keeps no nodes: it only counts.

// CYaml is Yams' copy of libyaml; Yams exposes no event API of its own.
import CYaml

/// The limits every sweep file's YAML is held to (docs/api.md, Limits).
enum YAMLLimits {
    /// Bytes of YAML per sweep file (UTF-8), the same as the coordinator's body limit for a submission.
    static let maximumBytes = 1_048_576
    /// Collections nested inside each other, the document's root included (real sweep files use 4).
    static let maximumDepth = 32
    /// Nodes that aliases add to a file when each stands for a copy of the node it names, summed over
    /// every alias (an alias of an anchored list of 99 scalars adds 100 nodes).
    static let maximumAliasNodes = 10_000

    /// Throws `badRange` at the first place where `yaml` passes a limit; returns without a word for
    /// YAML that libyaml cannot parse (the composer reports that with its own location).
    static func check(yaml: String, file: String) throws(SweepError) {
        let bytes = yaml.utf8.count
        guard bytes <= maximumBytes else { throw tooLarge(bytes: bytes, file: file) }
        var text = Array(yaml.utf8)
        try text.withUnsafeMutableBufferPointer { buffer throws(SweepError) in
            try walkEvents(buffer, file: file)
        }
    }

    static func tooLarge(bytes: Int, file: String) -> SweepError {
        SweepError(
            .badRange, "the sweep file is \(bytes) bytes (at most \(maximumBytes))",
            at: SourceLocation(file: file, line: 1, column: 1))
    }

    private static func walkEvents(_ buffer: UnsafeMutableBufferPointer<UInt8>, file: String) throws(SweepError) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)

        // Per open collection: its anchor and the nodes it holds so far, aliases expanded.
        var open: [(anchor: String?, nodes: Int)] = []
        var anchored: [String: Int] = [:]
        var aliasNodes = 0
        // Adds a finished node to its parent (and remembers its size under its anchor).
        func finish(_ nodes: Int, anchor: String?) {
            if let anchor { anchored[anchor] = nodes }
            if !open.isEmpty { open[open.count - 1].nodes = saturatingSum(open[open.count - 1].nodes, nodes) }
        }
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else { return }
            defer { yaml_event_delete(&event) }
            let mark = SourceLocation(
                file: file, line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return
            case YAML_DOCUMENT_START_EVENT:
                // Anchors are per document.
                anchored = [:]
            case YAML_SCALAR_EVENT:
                finish(1, anchor: name(event.data.scalar.anchor))
            case YAML_ALIAS_EVENT:
                // An undefined alias is the composer's error to report.
                let nodes = name(event.data.alias.anchor).flatMap { anchored[$0] } ?? 1
                aliasNodes = saturatingSum(aliasNodes, nodes)
                guard aliasNodes <= maximumAliasNodes else {
                    throw SweepError(.badRange, "aliases expand to more than \(maximumAliasNodes) nodes", at: mark)
                }
                finish(nodes, anchor: nil)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                guard open.count < maximumDepth else {
                    throw SweepError(.badRange, "the YAML is nested more than \(maximumDepth) levels deep", at: mark)
                }
                let anchor =
                    event.type == YAML_SEQUENCE_START_EVENT
                    ? name(event.data.sequence_start.anchor) : name(event.data.mapping_start.anchor)
                open.append((anchor, 1))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let closed = open.popLast() else { return }
                finish(closed.nodes, anchor: closed.anchor)
            default:
                break
            }
        }
    }

    private static func name(_ pointer: UnsafeMutablePointer<UInt8>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func saturatingSum(_ lhs: Int, _ rhs: Int) -> Int {
        let (sum, overflow) = lhs.addingReportingOverflow(rhs)
        return overflow ? Int.max : sum
    }
}
