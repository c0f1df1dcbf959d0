import Congkhai

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    FuzzEntry.feedbackCSV(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
