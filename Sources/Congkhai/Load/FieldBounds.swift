/// The start and end of each field of the record being read, appended in
/// place. As an `[Int]` each append checked the array's uniqueness and
/// capacity, and as a class each access of its count was a runtime
/// exclusivity check (a national export has ~260 million fields, every one
/// appended on the ingest's ordered thread). Noncopyable, so no copy can
/// share (and outlive) the buffer it owns; whole-module it costs the
/// scanner what a shared owner object did (933 M against 926 M
/// instructions for a 68 MB export, `scripts/bench-scan.sh`).
struct FieldBounds: ~Copyable {
    private var base: UnsafeMutablePointer<Int>
    private var capacity: Int
    private(set) var count = 0

    init() {
        capacity = 64
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    var isEmpty: Bool { count == 0 }

    @inline(__always)
    subscript(i: Int) -> Int {
        precondition(i >= 0 && i < count, "field bound out of range")
        return base[i]
    }

    /// One field's start and end.
    @inline(__always)
    mutating func append(_ start: Int, _ end: Int) {
        if count + 2 > capacity { grow() }
        base[count] = start
        base[count + 1] = end
        count += 2
    }

    private mutating func grow() {
        let bigger = UnsafeMutablePointer<Int>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }

    mutating func removeAll() { count = 0 }

    /// The storage from its start and its capacity, for a writer that fills
    /// the bounds from empty (the scanner's C splitter, `ScanState.wholeRecord`);
    /// `setCount` then says how many it wrote.
    mutating func withStorage<T>(_ body: (UnsafeMutablePointer<Int>, Int) -> T) -> T { body(base, capacity) }

    mutating func setCount(_ n: Int) {
        precondition(n >= 0 && n <= capacity, "field bounds past their storage")
        count = n
    }

    /// Twice the room (the splitter asked for more).
    mutating func growCapacity() { grow() }

    /// The bounds so far, valid until the next append or `removeAll`.
    var buffer: UnsafeBufferPointer<Int> { UnsafeBufferPointer(start: base, count: count) }
}
