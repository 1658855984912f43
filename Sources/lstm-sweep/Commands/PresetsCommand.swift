import ArgumentParser
import Foundation
import LSTMTasks

/// `lstm-sweep presets`: the paper's configurations (Table 10 rows), or one preset's parameter schema.
struct PresetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "presets",
        abstract: "List the paper's configurations (Table 10 rows) with weight counts and the paper's results.")

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Option(help: "Print the parameter schema of one preset (name, kind, range, default, description) as JSON.")
    var schema: String?

    func run() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        if let name = schema {
            let preset: Preset
            do {
                preset = try Preset.named(name)
            } catch let error as TaskError {
                FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
                throw ExitCode(2)
            }
            print(String(decoding: try encoder.encode(preset.schema()), as: UTF8.self))
            return
        }
        if json {
            let rows = Preset.all.map { PresetRow(preset: $0) }
            print(String(decoding: try encoder.encode(rows), as: UTF8.self))
            return
        }
        print(PresetRow.table(Preset.all.map { PresetRow(preset: $0) }))
    }
}

/// One preset as the `presets` command shows it.
struct PresetRow: Codable {
    var name: String, experiment: String, title: String
    var weights: Int, learningRate: Double, blocks: Int, cellsPerBlock: Int
    var stopRule: String
    var paper: PaperReport
    var parameters: ParameterMap

    init(preset: Preset) {
        let p = preset.defaults
        name = preset.name
        experiment = preset.family.paperSection
        title = preset.title
        weights = preset.weightCount
        learningRate = p.real("train.learning_rate")
        blocks = p.int("net.blocks")
        cellsPerBlock = p.int("net.cells_per_block")
        stopRule = preset.family.stopRuleName
        paper = preset.paper
        parameters = p
    }

    static func table(_ rows: [PresetRow]) -> String {
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
        var out = [pad("preset", 14) + pad("weights", 9) + pad("blocks", 8) + pad("α", 6) + pad("paper: after", 14)
            + pad("trials", 7) + pad("stop", 38) + "task"]
        for r in rows {
            let after = r.paper.successAfter.map { String($0) } ?? "-"
            out.append(pad(r.name, 14) + pad(String(r.weights), 9) + pad("\(r.blocks)x\(r.cellsPerBlock)", 8)
                + pad(String(r.learningRate), 6) + pad(after, 14) + pad(String(r.paper.trials), 7) + pad(r.stopRule, 38)
                + r.title)
        }
        return out.joined(separator: "\n")
    }
}
