import Foundation

/// Lets `scripts/fault_tests.py` kill a build at a known point of the publish
/// step instead of at a random moment, so that a known share of its trials
/// lands inside the swap. Compiled only into debug builds
/// (`CONGKHAI_FAULT_HOOKS`, set in Package.swift); a release binary has no
/// such code path.
///
/// With `CONGKHAI_FAULT_MARKER=/path` and `CONGKHAI_FAULT_AT=before-swap`
/// (or `after-swap`), the build writes the marker file when it reaches that
/// point and then waits up to 10 seconds for the harness's SIGKILL.
enum FaultHook {
    static func reach(_ point: String) {
        #if CONGKHAI_FAULT_HOOKS
        let env = ProcessInfo.processInfo.environment
        guard let marker = env["CONGKHAI_FAULT_MARKER"], env["CONGKHAI_FAULT_AT"] == point else { return }
        _ = FileManager.default.createFile(atPath: marker, contents: Data(point.utf8))
        usleep(10_000_000)
        #endif
    }
}
