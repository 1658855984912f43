import ArgumentParser

/// The `lstm-sweep` command: the root of every subcommand.
@main
struct LSTMSweep: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lstm-sweep",
        abstract: "The 1997 LSTM, every experiment of its paper, and hyperparameter sweeps over them.",
        subcommands: [
            PresetsCommand.self, TrainCommand.self, RunCommand.self, StatusCommand.self, ReportCommand.self,
            QueryCommand.self, ExportCommand.self, ServeCommand.self, SubmitCommand.self, WorkerCommand.self,
            PlotCommand.self, CancelCommand.self, RetryCommand.self, MergeCommand.self, NetCommand.self, GradCommand.self, BenchCommand.self, BenchStoreCommand.self, BenchHTTPCommand.self, BenchDashboardCommand.self,
        ])

    /// Parses the command line and runs the chosen command, as ArgumentParser's own `main()` does, except
    /// that its usage errors (unknown option or subcommand, missing or ill-typed value, `ValidationError`)
    /// become one line and exit status 2 (`exitReportingUsageErrors`). Help still goes to stdout, exit 0.
    /// A bad `LSTM_SWEEP_KERNEL` is bad input too, reported before anything runs.
    static func main() async {
        if let problem = KernelEnvironment.problem() { exit(withError: badInput(problem)) }
        do {
            var command = try await asyncParseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exitReportingUsageErrors(error)
        }
    }
}
