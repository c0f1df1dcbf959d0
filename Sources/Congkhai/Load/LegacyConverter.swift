import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Converts legacy-encoded content files to UTF-8 NFC for `check --fix-encoding`.
///
/// Only encodings glibc's iconv knows exactly are converted (Windows-1258,
/// TCVN3 via TCVN5712-1, UTF-16); VNI is detected but left for the editor,
/// since a wrong guess would corrupt text. The original is kept beside the
/// file as the hidden `.<name>.<encoding>.bak`.
public enum LegacyConverter {
    public struct Result: Sendable {
        public var file: String
        public var encoding: String
        public var converted: Bool
        public var note: String
    }

    static let iconvNames: [LegacyEncoding.Guess: String] = [.windows1258: "CP1258", .tcvn3: "TCVN5712-1"]

    /// Converts every non-UTF-8 `.yaml`, `.yml`, `.md` and `.csv` file under `root`.
    public static func fixAll(root: String) -> [Result] {
        var results: [Result] = []
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var files: [String] = []
        while let rel = walker.nextObject() as? String {
            let name = (rel as NSString).lastPathComponent
            if name.hasPrefix(".") { if (walker.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory { walker.skipDescendants() }; continue }
            let ext = (name as NSString).pathExtension.lowercased()
            if ["yaml", "yml", "md", "csv"].contains(ext) { files.append(rel) }
        }
        for rel in files.sorted() {
            let path = root + "/" + rel
            var st = stat()
            guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, let data = FileManager.default.contents(atPath: path) else { continue }
            let bytes = [UInt8](data)
            var body = bytes[...]
            if body.starts(with: TextDecoding.byteOrderMark) { body = body.dropFirst(3) }
            guard UTF8Validation.firstInvalidOffset(body) != nil else { continue }
            guard let guess = LegacyEncoding.guess(bytes) else {
                results.append(Result(file: rel, encoding: "unknown", converted: false, note: "encoding not recognised; convert it by hand"))
                continue
            }
            var text: String?
            if guess == .utf16 {
                text = String(data: data, encoding: .utf16)
            } else if let name = iconvNames[guess] {
                text = convert(bytes, from: name)
            }
            guard let decoded = text else {
                results.append(Result(file: rel, encoding: guess.rawValue, converted: false,
                                      note: "\(guess.rawValue) is not converted automatically; use a converter such as UniKey's"))
                continue
            }
            // A hidden backup beside the file: congkhai ignores hidden files, so the layout stays valid.
            let encodingTag = guess.rawValue.lowercased().filter { $0.isLetter || $0.isNumber || $0 == "-" }
            let backup = (path as NSString).deletingLastPathComponent + "/." + (rel as NSString).lastPathComponent + "." + encodingTag + ".bak"
            do {
                try data.write(to: URL(fileURLWithPath: backup), options: .withoutOverwriting)
                try Data(TextDecoding.nfc(decoded).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
                results.append(Result(file: rel, encoding: guess.rawValue, converted: true,
                                      note: "converted to UTF-8; original kept as \((backup as NSString).lastPathComponent); check the text"))
            } catch {
                results.append(Result(file: rel, encoding: guess.rawValue, converted: false, note: "cannot write: \(error.localizedDescription)"))
            }
        }
        return results
    }

    /// Decodes with glibc's iconv; nil on any invalid sequence.
    static func convert(_ bytes: [UInt8], from encoding: String) -> String? {
        let cd = iconv_open("UTF-8", encoding)
        guard cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 4 + 16)
        let produced: Int? = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr = inBuf.baseAddress
                var inLeft = inBuf.count
                var outPtr = outBuf.baseAddress
                var outLeft = outBuf.count
                let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                return r == -1 || inLeft != 0 ? nil : outBuf.count - outLeft
            }
        }
        guard let n = produced else { return nil }
        return String(decoding: output.prefix(n).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
