import Foundation
import LSTMCore

/// The sequence file (docs/formats.md): inputs per step, dense (`inputs`) or one-hot (`active`),
/// and targets per step (`null` where a step has none).
enum SequenceFile {
    static let formatName = "lstm-sweep-sequence/1"

    /// Reads a sequence file for a net with the given input and output counts.
    static func read(path: String, inputCount: Int, outputCount: Int) throws -> SequenceExample {
        guard let data = FileManager.default.contents(atPath: path) else { throw InputError("\(path): cannot read the file") }
        let root = try JSONFields(file: path, data: data)
        try root.rejectUnknown(["format", "inputs", "active", "targets"])
        let format = try root.string("format")
        guard format == formatName else { throw root.error("format", "expected '\(formatName)', got '\(format)'") }
        guard root.has("inputs") != root.has("active") else {
            throw InputError("\(path): give exactly one of 'inputs' (dense) and 'active' (one-hot)")
        }
        guard let targets = try root.raw("targets") as? [Any] else { throw root.error("targets", "expected an array") }
        let length = targets.count
        guard length >= 1 else { throw root.error("targets", "a sequence has at least one step") }
        var seq = SequenceExample(
            inputCount: inputCount, outputCount: outputCount, encoding: root.has("inputs") ? .dense : .oneHot,
            capacity: length)
        seq.reset(length: length)
        if root.has("inputs") {
            guard let rows = try root.raw("inputs") as? [Any], rows.count == length else {
                throw root.error("inputs", "expected an array of \(length) steps, one per target entry")
            }
            for (t, row) in rows.enumerated() {
                let values = try JSONFields.numbers(
                    row, count: inputCount, name: root.error("inputs[\(t)]", "expected \(inputCount) finite numbers"))
                for i in 0..<inputCount { seq.setInput(values[i], unit: i, at: t) }
            }
        } else {
            guard let rows = try root.raw("active") as? [Any], rows.count == length else {
                throw root.error("active", "expected an array of \(length) steps, one per target entry")
            }
            for (t, value) in rows.enumerated() {
                guard let number = value as? NSNumber, let index = Int(exactly: number.doubleValue),
                    (-1..<inputCount).contains(index)
                else { throw root.error("active[\(t)]", "expected an input index in 0..<\(inputCount), or -1 for none") }
                seq.setActive(index, at: t)
            }
        }
        for (t, row) in targets.enumerated() where !(row is NSNull) {
            let values = try JSONFields.numbers(
                row, count: outputCount, name: root.error("targets[\(t)]", "expected null or \(outputCount) finite numbers"))
            seq.setTarget(values, at: t)
        }
        return seq
    }
}
