// The lane kernels' entry points on each compiled copy (see KernelVariant.swift and LaneNetwork).
import LSTMKernels
import LSTMKernelsFloat
import LSTMKernelsFloatHaswell
import LSTMKernelsHaswell

extension KernelVariant {
    /// Runs four float64 nets side by side on this copy of the lane kernels (see `LaneKernel.run`).
    func runLanes(_ net: LaneBuffers<LaneNetwork.Float64Lanes>, next: (Int, SequenceStats?) -> LaneJob?) {
        switch self {
        case .portable: LSTMKernels.LaneKernel.run(net, next: next)
        case .haswell: LSTMKernelsHaswell.LaneKernel.run(net, next: next)
        }
    }

    /// Runs eight float32 nets side by side on this copy of the lane kernels.
    func runLanes(_ net: LaneBuffers<LaneNetwork.Float32Lanes>, next: (Int, SequenceStats?) -> LaneJob?) {
        switch self {
        case .portable: LSTMKernelsFloat.LaneKernel.run(net, next: next)
        case .haswell: LSTMKernelsFloatHaswell.LaneKernel.run(net, next: next)
        }
    }
}
