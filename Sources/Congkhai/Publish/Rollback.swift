import Foundation

/// Puts an earlier published build back, atomically and under the build lock:
/// the release is verified first (ledger chain, manifest hashes), so a
/// rollback can never publish something a reader could not check. The
/// nightly wrapper keeps the last builds as hard-linked copies
/// (`contrib/systemd/congkhai-nightly`).
public enum Rollback {
    public static func run(site: String, release: String) throws -> SiteVerifier.Result {
        let check = SiteVerifier.verify(.init(site: release))
        guard check.ok else { return check }
        var files: [OutputFile] = []
        let fm = FileManager.default
        guard let e = fm.enumerator(atPath: release) else { throw Publisher.Failure.io("cannot read \(release)") }
        while let rel = e.nextObject() as? String {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: release + "/" + rel, isDirectory: &isDir), !isDir.boolValue else { continue }
            guard let data = fm.contents(atPath: release + "/" + rel) else { throw Publisher.Failure.io("cannot read \(release)/\(rel)") }
            files.append(OutputFile(path: rel, bytes: [UInt8](data)))
        }
        let publisher = Publisher(destination: site)
        try publisher.withLock { try publisher.publish(files.sorted { $0.path < $1.path }) }
        return check
    }
}
