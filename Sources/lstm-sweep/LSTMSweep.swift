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
            NetCommand.self, GradCommand.self, BenchCommand.self, BenchStoreCommand.self, BenchHTTPCommand.self,
        ])
}
