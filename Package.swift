// swift-tools-version:6.1
// lstm-sweep: the 1997 LSTM, every experiment of the paper, and sweeps over them.
// Dependency direction (architecture.md §2): LSTMKernels* <- LSTMCore <- LSTMTasks; SweepCore <- SweepStore,
// Coordinator, Worker. The two halves never import each other; only `lstm-sweep` knows both.
import PackageDescription

// The sequence kernels are compiled four times, once per precision and instruction set: LSTMKernels
// (float64, any CPU), LSTMKernelsHaswell (float64, LLVM's "haswell": AVX2), LSTMKernelsFloat and
// LSTMKernelsFloatHaswell (float32). The copies are the same files, by symlink (see
// Sources/LSTMKernels/README.md). LSTMNetwork picks one at run time (Precision, KernelVariant); the two
// instruction sets give the same bits, because Swift never fuses a*b+c into an FMA.
#if arch(x86_64)
let haswellFlags: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "haswell"])]
#else
let haswellFlags: [SwiftSetting] = []  // off x86-64 the "haswell" copies are portable too
#endif
let kernelCopy: [SwiftSetting] = [.define("LSTM_KERNELS_COPY")]
// float32 copies also run their lanes eight wide (SIMD8<Float>: one AVX2 register, like SIMD4<Double>).
let float32: [SwiftSetting] = [.define("LSTM_KERNELS_FLOAT"), .define("LSTM_LANES_8")]

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
        // Already in the graph through Hummingbird; listed for the coordinator's connection handler
        // (closing a connection after a malformed request's 400).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.34.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        // The vocabulary both halves share (a leaf: it imports nothing).
        .target(name: "TrialVocabulary", exclude: ["README.md"]),

        // The numerics half.
        .target(name: "LSTMKernels", exclude: ["README.md"]),
        .target(
            name: "LSTMKernelsHaswell", dependencies: ["LSTMKernels"], exclude: ["README.md"],
            swiftSettings: kernelCopy + haswellFlags),
        .target(name: "LSTMKernelsFloat", dependencies: ["LSTMKernels"], exclude: ["README.md"], swiftSettings: kernelCopy + float32),
        .target(
            name: "LSTMKernelsFloatHaswell", dependencies: ["LSTMKernels"], exclude: ["README.md"],
            swiftSettings: kernelCopy + float32 + haswellFlags),
        .target(
            name: "LSTMCore",
            dependencies: [
                "TrialVocabulary", "LSTMKernels", "LSTMKernelsHaswell", "LSTMKernelsFloat", "LSTMKernelsFloatHaswell",
            ],
            exclude: ["README.md"]),
        .target(name: "LSTMTasks", dependencies: ["TrialVocabulary", "LSTMCore"], exclude: ["README.md"]),

        // The sweep half.
        .target(
            name: "SweepCore",
            dependencies: ["TrialVocabulary", .product(name: "Yams", package: "Yams")],
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
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            exclude: ["README.md"]),
        .target(
            name: "Worker",
            dependencies: [
                "SweepCore", .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
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
        .testTarget(name: "TrialVocabularyTests", dependencies: ["TrialVocabulary"]),
        .testTarget(name: "SweepStoreTests", dependencies: ["SweepStore", "SweepCore"]),
        .testTarget(
            name: "CoordinatorTests",
            dependencies: [
                "Coordinator", "SweepCore", "SweepStore", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(name: "WorkerTests", dependencies: ["Worker", "SweepCore", "SweepStore"]),
        .testTarget(name: "IntegrationTests", dependencies: ["SweepCore"]),
    ]
)
