import Foundation

/// An unstable sort that allocates nothing: introsort (quicksort with a
/// median of three, heapsort past a depth limit, insertion sort for short
/// ranges) over the array's own storage.
///
/// Why: the standard library's sort merges through a buffer of half the
/// array, and the arrays sorted at the end of a national ingest (11 million
/// rating records, 1.3 million comments) are sorted exactly when memory is
/// at its peak (~150 MB more for the ratings alone). Callers sort by a total
/// order (their keys are unique), so stability cannot change the result.
enum InPlaceSort {
    /// `depthLimit` (tests) forces the heapsort fallback sooner.
    static func sort<T>(_ array: inout [T], depthLimit: Int? = nil, by less: (T, T) -> Bool) {
        let n = array.count
        guard n > 1 else { return }
        var depth = 0
        var m = n
        while m > 1 { depth += 2; m >>= 1 }
        if let depthLimit { depth = depthLimit }
        array.withUnsafeMutableBufferPointer { buf in
            introsort(buf, 0, n, depth, less)
        }
    }

    /// An order for `sort(_:lanes:by:)`: a type, not a closure, so each
    /// thread's sort is specialized for it with the comparison inlined (a
    /// closure shared by the threads was called indirectly, its arguments
    /// copied: three to five times the work on the ingest's comments).
    protocol Order: Sendable {
        associatedtype Element
        static func less(_ a: Element, _ b: Element) -> Bool
    }

    /// The same order, shared between threads when `lanes` (the cores to
    /// use) is more than one: the first two levels of partitions are made
    /// here, then the (up to four) parts are sorted at once on dispatch's
    /// threads (`concurrentPerform`). For the arrays sorted at the end of a
    /// national ingest, which ran on one core while the other waited; the
    /// order is the serial sort's because the orders are total. Below
    /// `parallelMinimum` elements, or with one lane, it is the serial sort.
    static func sort<O: Order>(_ array: inout [O.Element], lanes: Int, by order: O.Type) {
        let n = array.count
        guard lanes > 1, n >= parallelMinimum else { return sort(&array, by: O.less) }
        var depthLimit = 0
        var m = n
        while m > 1 { depthLimit += 2; m >>= 1 }
        let depth = depthLimit
        array.withUnsafeMutableBufferPointer { buf in
            // A pivot stays where its partition put it; the parts around the
            // pivots are disjoint. A side too short to partition is one part.
            func split(_ part: (Int, Int)) -> [(Int, Int)] {
                guard part.1 - part.0 > 16 else { return [part] }
                let p = partition(buf, part.0, part.1, O.less)
                return [(part.0, p), (p + 1, part.1)]
            }
            let parts = split((0, n)).flatMap(split)
            let shared = Shared(buffer: buf)
            DispatchQueue.concurrentPerform(iterations: parts.count) { i in
                introsort(shared.buffer, parts[i].0, parts[i].1, depth - 2, O.less)
            }
        }
    }

    /// Arrays shorter than this are sorted on one thread (a few milliseconds).
    static let parallelMinimum = 1 << 16

    /// The buffer the parallel sort's threads share. `@unchecked Sendable`:
    /// each thread touches only its own part; the box does not outlive `sort`.
    private final class Shared<T>: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<T>
        init(buffer: UnsafeMutableBufferPointer<T>) { self.buffer = buffer }
    }

    private static func introsort<T>(_ a: UnsafeMutableBufferPointer<T>, _ lo: Int, _ hi: Int, _ depth: Int,
                                     _ less: (T, T) -> Bool) {
        var lo = lo, hi = hi, depth = depth
        while hi - lo > 16 {
            if depth == 0 {
                heapsort(a, lo, hi, less)
                return
            }
            depth -= 1
            let p = partition(a, lo, hi, less)
            // Recurse into the smaller side, loop on the larger: stack depth stays logarithmic.
            if p - lo < hi - p - 1 {
                introsort(a, lo, p, depth, less)
                lo = p + 1
            } else {
                introsort(a, p + 1, hi, depth, less)
                hi = p
            }
        }
        insertion(a, lo, hi, less)
    }

    /// Partitions `a[lo..<hi]` around a median of three; returns the pivot's final index.
    private static func partition<T>(_ a: UnsafeMutableBufferPointer<T>, _ lo: Int, _ hi: Int,
                                     _ less: (T, T) -> Bool) -> Int {
        let mid = lo + (hi - lo) / 2, last = hi - 1
        if less(a[mid], a[lo]) { a.swapAt(mid, lo) }
        if less(a[last], a[lo]) { a.swapAt(last, lo) }
        if less(a[last], a[mid]) { a.swapAt(last, mid) }
        // a[lo] ≤ a[mid] ≤ a[last]: the median goes to last - 1 as the pivot.
        a.swapAt(mid, last - 1)
        let pivot = a[last - 1]
        var i = lo, j = last - 1
        while true {
            i += 1
            while less(a[i], pivot) { i += 1 }
            j -= 1
            while less(pivot, a[j]) { j -= 1 }
            if i >= j { break }
            a.swapAt(i, j)
        }
        a.swapAt(i, last - 1)
        return i
    }

    private static func insertion<T>(_ a: UnsafeMutableBufferPointer<T>, _ lo: Int, _ hi: Int, _ less: (T, T) -> Bool) {
        guard hi - lo > 1 else { return }
        for i in (lo + 1)..<hi {
            let x = a[i]
            var j = i
            while j > lo, less(x, a[j - 1]) {
                a[j] = a[j - 1]
                j -= 1
            }
            a[j] = x
        }
    }

    private static func heapsort<T>(_ a: UnsafeMutableBufferPointer<T>, _ lo: Int, _ hi: Int, _ less: (T, T) -> Bool) {
        let n = hi - lo
        func sift(_ start: Int, _ end: Int) {
            var root = start
            while true {
                var child = 2 * root + 1
                if child >= end { return }
                if child + 1 < end, less(a[lo + child], a[lo + child + 1]) { child += 1 }
                if !less(a[lo + root], a[lo + child]) { return }
                a.swapAt(lo + root, lo + child)
                root = child
            }
        }
        var start = n / 2 - 1
        while start >= 0 { sift(start, n); start -= 1 }
        var end = n - 1
        while end > 0 {
            a.swapAt(lo, lo + end)
            sift(0, end)
            end -= 1
        }
    }
}
