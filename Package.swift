// swift-tools-version:6.1
// lstm-sweep: the 1997 LSTM, every experiment of the paper, and sweeps over them.
// Dependency direction (architecture.md §2): LSTMKernels, LSTMKernelsHaswell <- LSTMCore <- LSTMTasks; SweepCore <- SweepStore,
// Coordinator, Worker. The two halves never import each other; only `lstm-sweep` knows both.
import PackageDescription

// The sequence kernels are compiled twice: LSTMKernels for any CPU, LSTMKernelsHaswell (the same files,
// by symlink) for LLVM's "haswell" (AVX2). LSTMNetwork picks the copy at run time (KernelVariant); both
// give the same bits, because Swift never fuses a*b+c into an FMA. Off x86-64 the second copy is portable.
#if arch(x86_64)
let haswellSettings: [SwiftSetting] = [.define("LSTM_KERNELS_HASWELL"), .unsafeFlags(["-target-cpu", "haswell"])]
#else
let haswellSettings: [SwiftSetting] = [.define("LSTM_KERNELS_HASWELL")]
#endif

let package = Package(
    name: "lstm-sweep",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "LSTMCore", targets: ["LSTMCore"]),
        .library(name: "LSTMTasks", targets: ["LSTMTasks"]),
        .library(name: "SweepCore", targets: ["SweepCore"]),
        .library(name: "SweepStore", targets: ["SweepStore"]),
        .library(name: "Coordinator", targets: ["Coordinator"]),
        .library(name: "Worker", targets: ["Worker"]),
        .executable(name: "lstm-sweep", targets: ["lstm-sweep"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Already in the graph through Hummingbird; listed so the coordinator's reaper can be a Service.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // The numerics half.
        .target(name: "LSTMKernels", exclude: ["README.md"]),
        .target(name: "LSTMKernelsHaswell", dependencies: ["LSTMKernels"], exclude: ["README.md"], swiftSettings: haswellSettings),
        .target(name: "LSTMCore", dependencies: ["LSTMKernels", "LSTMKernelsHaswell"], exclude: ["README.md"]),
        .target(name: "LSTMTasks", dependencies: ["LSTMCore"], exclude: ["README.md"]),

        // The sweep half.
        .target(
            name: "SweepCore",
            dependencies: [.product(name: "Yams", package: "Yams")],
            exclude: ["README.md"]),
        .target(
            name: "SweepStore",
            dependencies: ["SweepCore", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["README.md"]),
        .target(
            name: "Coordinator",
            dependencies: [
                "SweepCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            exclude: ["README.md"]),
        .target(
            name: "Worker",
            dependencies: ["SweepCore", .product(name: "Logging", package: "swift-log")],
            exclude: ["README.md"]),

        // The only place that knows both halves.
        .executableTarget(
            name: "lstm-sweep",
            dependencies: [
                "LSTMCore", "LSTMTasks", "SweepCore", "SweepStore", "Coordinator", "Worker",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["README.md"]),

        // Tests: one target per library, plus an integration target that runs the built executable.
        .testTarget(name: "LSTMCoreTests", dependencies: ["LSTMCore", "LSTMKernels"]),
        .testTarget(name: "LSTMTasksTests", dependencies: ["LSTMTasks", "LSTMCore"]),
        .testTarget(name: "SweepCoreTests", dependencies: ["SweepCore"]),
        .testTarget(name: "SweepStoreTests", dependencies: ["SweepStore", "SweepCore"]),
        .testTarget(
            name: "CoordinatorTests",
            dependencies: [
                "Coordinator", "SweepCore", "SweepStore", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(name: "WorkerTests", dependencies: ["Worker", "SweepCore"]),
        .testTarget(name: "IntegrationTests", dependencies: ["SweepCore"]),
    ]
)
