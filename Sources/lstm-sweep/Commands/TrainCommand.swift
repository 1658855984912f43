import ArgumentParser
import Foundation
import LSTMTasks

/// `lstm-sweep train`: run one trial of a paper configuration and print its outcome.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train one paper configuration (a Table 10 preset) with one seed.",
        discussion: "Example: lstm-sweep train --preset 4-1 --seed 7 --set train.learning_rate=0.1 --json")

    @OptionGroup var options: TrainOptions

    @Option(help: ArgumentHelp(
        "Every N sequences, print a line with the mean |s| of each cell at the sequence end (state drift).",
        valueName: "N"))
    var watchStates: Int?

    func validate() throws {
        if let watchStates, watchStates < 1 { throw ValidationError("--watch-states \(watchStates): must be at least 1") }
    }

    func run() throws {
        let factory = LearnerFactory.standard
        let spec: TrialSpec
        do {
            spec = try options.spec(factory: factory)
        } catch let error as TaskError {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
        let clock = SystemTrialClock()
        let start = clock.wallSeconds()
        let onTerminal = isatty(STDERR_FILENO) == 1
        let control: TrialControl
        if let watchStates {
            control = TrialControl(every: watchStates, watchesCellStates: true, progress: { p in
                FileHandle.standardError.write(Data((WatchLine.render(p) + "\n").utf8))
            })
        } else {
            control = TrialControl(every: 1000, isCancelled: { false }) { p in
                guard onTerminal else { return }
                let elapsed = clock.wallSeconds() - start
                let line = "\r\(spec.preset) " + String(
                    format: "seq %d/%d  recent err %.5f  correct %.1f%%  %.0f steps/s  %.1fs ",
                    p.sequences, p.maxSequences, p.recentMeanError, 100 * p.recentShareCorrect,
                    elapsed > 0 ? Double(p.steps) / elapsed : 0, elapsed)
                FileHandle.standardError.write(Data(line.utf8))
            }
        }
        let outcome = TrialRunner(factory: factory, clock: clock).run(spec, control: control)
        if onTerminal && watchStates == nil { FileHandle.standardError.write(Data("\n".utf8)) }
        if options.json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(outcome), as: UTF8.self))
        } else {
            print(OutcomeText.render(outcome))
        }
        if outcome.stopReason == .error { throw ExitCode(1) }
    }
}

/// One `--watch-states` line: sequences, the recent error and share right, and each cell's mean |s|.
enum WatchLine {
    static func render(_ p: TrialProgress) -> String {
        let states = p.cellStateMagnitudes.map { $0.map { String(format: "%.2f", $0) }.joined(separator: " ") }
        return String(format: "seq %d  recent err %.5f  correct %.1f%%  ", p.sequences, p.recentMeanError,
                      100 * p.recentShareCorrect) + "mean |s| at sequence end: " + (states ?? "- (no cells yet)")
    }
}

/// The human-readable form of an outcome.
enum OutcomeText {
    static func render(_ o: TrialOutcome) -> String {
        var lines = [
            "preset \(o.preset)  seed \(o.seed)  method \(o.method)  weights \(o.weightCount)",
            "stop: \(o.stopReason.rawValue)\(o.error.map { " (\($0))" } ?? "")  success: \(o.success)"
                + "  sequences: \(o.sequences) (trained \(o.sequencesTrained))",
        ]
        if !o.milestones.isEmpty {
            lines.append("milestones: " + o.milestones.sorted { $0.key < $1.key }.map { "\($0.key) at \($0.value)" }
                .joined(separator: ", "))
        }
        if let t = o.test {
            lines.append(String(format: "test: %d wrong of %d  MSE %.5f  mean |error| %.5f", t.wrong, t.size, t.mse,
                                t.meanAbsError))
        }
        lines.append(String(format: "steps %d  wall %.2fs  cpu %.2fs  %.0f steps/s", o.steps, o.wallSeconds, o.cpuSeconds,
                            o.stepsPerSecond))
        return lines.joined(separator: "\n")
    }
}
