// The instruction sets the sequence kernels are compiled for, and the choice between them. Each
// precision has a portable and a Haswell copy of the same Swift source (Sources/LSTMKernels, symlinked
// into the other LSTMKernels* folders) with the same operations in the same order; neither fuses a
// multiply-add, so a trial's outcome is the same bits on either. The Haswell copy is faster because
// AVX2 holds a SIMD4<Double> in one register instead of two.
import LSTMKernels
import LSTMKernelsFloat
import LSTMKernelsFloatHaswell
import LSTMKernelsHaswell

/// Which compiled copy of the sequence kernels runs a net.
public enum KernelVariant: String, Sendable, CaseIterable {
    /// Compiled for any CPU of the architecture (on x86-64: SSE2).
    case portable
    /// Compiled for LLVM's "haswell" CPU (AVX2, BMI2, FMA, ...: Intel since 2013, AMD since Zen). On
    /// other architectures it is a second portable copy.
    case haswell

    /// The environment variable that names the variant new nets take.
    public static let environmentVariable = "LSTM_SWEEP_KERNEL"

    /// The variant new nets take: the fastest this CPU runs, unless the environment variable
    /// `LSTM_SWEEP_KERNEL` names a supported one (`portable` or `haswell`; others are ignored).
    public static let preferred: KernelVariant = {
        if let name = CPUFeatures.environment(environmentVariable), let asked = KernelVariant(rawValue: name),
            asked.isSupported
        {
            return asked
        }
        return KernelVariant.haswell.isSupported ? .haswell : .portable
    }()

    /// Whether this CPU can run the variant.
    public var isSupported: Bool {
        switch self {
        case .portable: return true
        case .haswell:
            #if arch(x86_64)
                return CPUFeatures.current.hasHaswell
            #else
                return true
            #endif
        }
    }

    /// Resets a float64 net and runs one sequence on this copy of the kernels (see `SequenceKernel.run`).
    func run(
        _ net: KernelBuffers<Double>, _ sequence: SequenceBuffers, touchedCount: Int, action: TargetAction,
        paths: KernelPaths
    ) -> KernelRun {
        switch self {
        case .portable:
            return LSTMKernels.SequenceKernel.run(
                net, sequence, touchedCount: touchedCount, action: action, paths: paths)
        case .haswell:
            return LSTMKernelsHaswell.SequenceKernel.run(
                net, sequence, touchedCount: touchedCount, action: action, paths: paths)
        }
    }

    /// Resets a float32 net and runs one sequence on this copy of the kernels.
    func run(
        _ net: KernelBuffers<Float>, _ sequence: SequenceBuffers, touchedCount: Int, action: TargetAction,
        paths: KernelPaths
    ) -> KernelRun {
        switch self {
        case .portable:
            return LSTMKernelsFloat.SequenceKernel.run(
                net, sequence, touchedCount: touchedCount, action: action, paths: paths)
        case .haswell:
            return LSTMKernelsFloatHaswell.SequenceKernel.run(
                net, sequence, touchedCount: touchedCount, action: action, paths: paths)
        }
    }

    /// Applies and clears a float64 net's accumulated changes on this copy of the kernels.
    func applyAccumulated(_ net: KernelBuffers<Double>, _ map: [Int], learningRate: Double) {
        switch self {
        case .portable: LSTMKernels.SequenceKernel.applyAccumulated(net, map, learningRate: learningRate)
        case .haswell: LSTMKernelsHaswell.SequenceKernel.applyAccumulated(net, map, learningRate: learningRate)
        }
    }

    /// Applies and clears a float32 net's accumulated changes on this copy of the kernels.
    func applyAccumulated(_ net: KernelBuffers<Float>, _ map: [Int], learningRate: Double) {
        switch self {
        case .portable: LSTMKernelsFloat.SequenceKernel.applyAccumulated(net, map, learningRate: learningRate)
        case .haswell: LSTMKernelsFloatHaswell.SequenceKernel.applyAccumulated(net, map, learningRate: learningRate)
        }
    }
}
