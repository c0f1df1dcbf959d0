extension UnsafeMutableRawPointer {
    /// `count` bytes from `source`, as `copyMemory` copies them. Up to 16
    /// are moved as two overlapping loads and stores of 8, 4 or 2 bytes:
    /// the `memcpy` call was most of the cost of copying the few bytes of a
    /// name, a label or a tag (`RenderBuffer`, `Concat`).
    @inline(__always)
    func copyShort(from source: UnsafeRawPointer, count n: Int) {
        func move<W>(_: W.Type) {
            let (a, b) = (source.loadUnaligned(as: W.self), source.loadUnaligned(fromByteOffset: n - MemoryLayout<W>.size, as: W.self))
            storeBytes(of: a, as: W.self)
            storeBytes(of: b, toByteOffset: n - MemoryLayout<W>.size, as: W.self)
        }
        switch n {
        case 17...: copyMemory(from: source, byteCount: n)
        case 8...: move(UInt64.self)
        case 4...: move(UInt32.self)
        case 2...: move(UInt16.self)
        case 1: storeBytes(of: source.load(as: UInt8.self), as: UInt8.self)
        default: break
        }
    }
}
