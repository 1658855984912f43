import ArgumentParser
import Foundation
import LSTMCore

/// `lstm-sweep bench`: training speed of the core on the paper's net shapes (run it in a release build).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure time steps per second of training on the paper's nets (use -c release).")

    @Option(help: "Cases to run, comma-separated (default: all).") var cases: String?
    @Option(help: ArgumentHelp(
        "Measure presets instead: 'all', or names comma-separated (e.g. 2a,2a/direct,2a-rtrl-p4).",
        discussion: "Each preset trains on its own task's data with the learner its trials start with."))
    var presets: String?
    @Option(help: "Timed repeats per case; the median is reported.") var repeats: Int = 5
    @Option(help: "Minimum time steps per repeat.") var steps: Int = 2_000_000
    @Option(help: "Fixed sequence length T for every case (default: each case's own range).") var length: Int?
    @Option(help: "Which compiled copy of the kernels: portable or haswell (default: the fastest this CPU runs).")
    var kernel: String?
    @Option(help: "The nets' precision: float64 or float32.") var precision: String = "float64"
    @Option(help: ArgumentHelp(
        "Train in this many SIMD lanes (4 in float64, 8 in float32) against one net at a time, and print both (with --presets or --cases).",
        discussion: "As many nets per preset or case, each on its own data; the kernel copy is LSTM_SWEEP_KERNEL's."))
    var lanes: Int?
    @Flag(help: "With --presets --lanes: whole trials (sixteen per preset, budget-limited, final test off).")
    var wholeTrials = false
    @Flag(help: "Print JSON lines instead of a table.") var json = false

    func validate() throws {
        if let length, length < 1 { throw ValidationError("--length must be at least 1") }
        _ = try variant()
        _ = try chosenPrecision()
        if let lanes {
            let width = LaneNetwork.laneCount(try chosenPrecision())
            guard lanes == width else { throw ValidationError("--lanes: only \(width) is supported at --precision \(precision)") }
            guard !wholeTrials || presets != nil else { throw ValidationError("--whole-trials needs --presets") }
            guard try variant() == .preferred else {
                throw ValidationError("--lanes runs the default kernels; pick another copy with LSTM_SWEEP_KERNEL")
            }
        }
    }

    /// The precision to measure.
    func chosenPrecision() throws -> Precision {
        guard let value = Precision(rawValue: precision) else {
            throw ValidationError("--precision: '\(precision)' is not one of float64, float32")
        }
        return value
    }

    /// The kernel copy to measure.
    func variant() throws -> KernelVariant {
        guard let kernel else { return .preferred }
        switch KernelEnvironment.variant(named: kernel, label: "--kernel") {
        case .success(let variant): return variant
        case .failure(let error): throw ValidationError(error.message)
        }
    }

    func run() throws {
        if let presets { return try runPresets(presets) }
        let wanted = cases.map { Set($0.split(separator: ",").map(String.init)) }
        let selected = KernelBenchmark.cases.filter { wanted?.contains($0.name) ?? true }.map { c in
            var c = c
            if let length { c.lengths = length...length }
            return c
        }
        if selected.isEmpty { throw ValidationError("--cases: no case named \(cases ?? "")") }
        #if DEBUG
            FileHandle.standardError.write(Data("lstm-sweep: warning: a debug build; measure with -c release\n".utf8))
        #endif
        let (variant, precision) = (try variant(), try chosenPrecision())
        if lanes != nil { return try printLanes(selected.map { LaneBenchmark.measureKernels($0, precision: precision, repeats: repeats, minimumSteps: steps) }) }
        if !json { print("case    kernel   precision  weights   steps/s (wall)   steps/s (cpu)") }
        for c in selected {
            let m = KernelBenchmark.measure(
                c, kernel: variant, precision: precision, repeats: repeats, minimumSteps: steps)
            try printRow(m, width: 8)
        }
    }

    /// `--presets`: every named preset (or all), on its own task's data.
    func runPresets(_ names: String) throws {
        let all = PresetBenchmark.cases
        let wanted = names == "all" ? nil : Set(names.split(separator: ",").map(String.init))
        if let wanted, let unknown = wanted.first(where: { name in !all.contains { $0.name == name } }) {
            throw ValidationError("--presets: no preset named '\(unknown)' (see lstm-sweep presets; 2a/direct, 2b/direct)")
        }
        let (variant, precision) = (try variant(), try chosenPrecision())
        if lanes != nil { return try runLanes(all.filter { wanted?.contains($0.name) ?? true }, variant, precision) }
        if !json { print("preset        kernel   precision  weights   steps/s (wall)   steps/s (cpu)") }
        for c in all where wanted?.contains(c.name) ?? true {
            guard let m = try PresetBenchmark.measure(c, kernel: variant, precision: precision, repeats: repeats, minimumSteps: steps)
            else {
                if !json { print(c.name.padding(toLength: 14, withPad: " ", startingAt: 0) + "(not at \(precision.rawValue))") }
                continue
            }
            try printRow(m, width: 14)
        }
    }

    /// `--presets P --lanes 4`: whole trials in lanes against one at a time.
    func runLanes(_ cases: [PresetBenchmark.Case], _ variant: KernelVariant, _ precision: Precision) throws {
        var rows: [LaneBenchmark.Measurement] = []
        for c in cases where c.name == c.preset {
            let measured =
                wholeTrials
                ? try LaneBenchmark.measureTrials(
                    preset: c.preset, kernel: variant, precision: precision, repeats: repeats, minimumSteps: steps)
                : try LaneBenchmark.measureWorkloads(preset: c.preset, precision: precision, repeats: repeats, minimumSteps: steps)
            guard let m = measured else {
                if !json { print(c.name.padding(toLength: 8, withPad: " ", startingAt: 0) + "(not in lanes)") }
                continue
            }
            rows.append(m)
        }
        try printLanes(rows)
    }

    /// The lane table (or JSON lines): one row per preset or case.
    func printLanes(_ rows: [LaneBenchmark.Measurement]) throws {
        if !json {
            print("name    kernel   precision  trials  steps/repeat  single steps/s  lanes steps/s  lanes ÷ single  (CPU time)")
        }
        for m in rows {
            if json {
                print(String(decoding: try JSONEncoder().encode(m), as: UTF8.self))
            } else {
                print(
                    m.name.padding(toLength: 8, withPad: " ", startingAt: 0) + m.kernel.padding(toLength: 9, withPad: " ", startingAt: 0)
                        + m.precision.padding(toLength: 9, withPad: " ", startingAt: 0)
                        + String(format: "%8d  %12d  %14.0f  %13.0f  %12.2fx  %9.2fx", m.trials, m.stepsPerRepeat,
                                 m.singleStepsPerSecond, m.laneStepsPerSecond, m.ratio, m.cpuRatio))
            }
        }
    }

    private func printRow(_ m: KernelBenchmark.Measurement, width: Int) throws {
        if json {
            print(String(decoding: try JSONEncoder().encode(m), as: UTF8.self))
        } else {
            print(
                m.name.padding(toLength: width, withPad: " ", startingAt: 0)
                    + m.kernel.padding(toLength: 9, withPad: " ", startingAt: 0)
                    + m.precision.padding(toLength: 9, withPad: " ", startingAt: 0)
                    + String(format: "%7d  %15.0f  %14.0f", m.weights, m.stepsPerSecond, m.cpuStepsPerSecond))
        }
    }
}
