// The one allocation behind KernelBuffers and LaneBuffers: a zeroed, 64-byte-aligned block carved
// into consecutive arrays of the given sizes, freed as a whole by `UnsafeMutableRawPointer.deallocate`.

/// Carves one aligned allocation into arrays.
enum KernelArena {
    /// Allocates `sizes.reduce(0, +)` elements, all `zero`, and returns the block with the start of
    /// each array in the order of `sizes`.
    static func carve<Element>(_ sizes: [Int], zero: Element) -> (storage: UnsafeMutablePointer<Element>, starts: [UnsafeMutablePointer<Element>]) {
        let count = sizes.reduce(0, +)
        let storage = UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Element>.stride, alignment: 64)
            .bindMemory(to: Element.self, capacity: count)
        storage.initialize(repeating: zero, count: count)
        var starts = [UnsafeMutablePointer<Element>]()
        var next = storage
        for size in sizes {
            starts.append(next)
            next += size
        }
        return (storage, starts)
    }
}
