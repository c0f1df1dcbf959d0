import Foundation

/// The files of a content folder, found and checked against the layout rules
/// before any of them is parsed.
struct ContentTree {
    let bytesRead = ContentBytes()
    /// False for a tree only compared with (the previous site's published
    /// content): its bytes are not kept.
    var keepsBytes = true

    struct OfficialFile {
        var locality: String
        var id: String
        var path: String
    }

    /// Absolute, symlink-free path of the content folder.
    var root: String
    var localityFiles: [(id: String, path: String)] = []
    var officialFiles: [OfficialFile] = []
    var auditFiles: [String] = []
    var feedbackFiles: [String] = []
    /// Files under `static/`, copied verbatim to the site (evidence documents, images).
    var staticFiles: [String] = []

    /// Nil when the folder itself is unusable (the error is logged).
    static func scan(_ rootPath: String, log: DiagnosticLog) -> ContentTree? {
        guard let real = realPath(rootPath) else {
            log.error("", 0, 0, "content folder \"\(rootPath)\" not found")
            return nil
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: real, isDirectory: &isDir), isDir.boolValue else {
            log.error("", 0, 0, "\"\(rootPath)\" is not a folder")
            return nil
        }
        var tree = ContentTree(root: real)
        if tree.kind(of: "site.yaml", log: log) != .file {
            log.error("site.yaml", 0, 0, "site.yaml is missing: every content folder needs one")
        }

        for (name, kind) in tree.entries("localities", log: log) where kind == .file {
            let path = "localities/" + name
            guard name.hasSuffix(".yaml") else {
                log.error(path, 0, 0, "localities/ may hold only .yaml files")
                continue
            }
            let id = String(name.dropLast(5))
            guard Identifier.isValid(id) else {
                log.error(path, 0, 0, "locality file name \"\(id)\" is not a valid id (lowercase ASCII letters, digits, hyphens)")
                continue
            }
            tree.localityFiles.append((id, path))
        }
        let localityIDs = tree.localityFiles.map(\.id)
        let knownLocalities = Set(localityIDs)

        // Each locality's folder listed on every core (a national tree has
        // 3,300 folders and 50,000 files, each with an `lstat`: ~0.5 s on
        // one core), each with its own log, then taken in name order as
        // one by one: the same files and diagnostics in the same order.
        let localityFolders = tree.entries("officials", log: log)
        let listings = Slots<(entries: [(String, Kind)], diagnostics: [Diagnostic])>(count: localityFolders.count)
        let lister = tree
        DispatchQueue.concurrentPerform(iterations: localityFolders.count) { i in
            guard localityFolders[i].1 == .directory else { return }
            let local = DiagnosticLog()
            listings.set(i, (lister.entries("officials/" + localityFolders[i].0, log: local), local.items))
        }
        for (i, (folder, kind)) in localityFolders.enumerated() {
            let folderPath = "officials/" + folder
            guard kind == .directory else {
                if kind == .file { log.error(folderPath, 0, 0, "officials/ may hold only folders named after localities") }
                continue
            }
            let listing = listings.value(i) ?? ([], [])
            guard knownLocalities.contains(folder) else {
                let hint = Suggestion.hint(for: folder, in: localityIDs)
                log.error(folderPath, 0, 0, "officials/\(folder) does not match a locality in localities/\(hint)")
                log.add(contentsOf: listing.diagnostics)
                // Name every file the folder makes unreadable, so an editor
                // looking at one of them sees why it is not published.
                for (name, k) in listing.entries where k == .file && !name.hasPrefix(".") {
                    log.error(folderPath + "/" + name, 1, 1,
                              "not loaded: its folder officials/\(folder) does not match a locality in localities/\(hint)")
                }
                continue
            }
            log.add(contentsOf: listing.diagnostics)
            for (name, k) in listing.entries {
                let path = folderPath + "/" + name
                guard k == .file, name.hasSuffix(".md") else {
                    if k != .skip { log.error(path, 0, 0, "officials/\(folder)/ may hold only .md files") }
                    continue
                }
                let id = String(name.dropLast(3))
                guard Identifier.isValid(id) else {
                    log.error(path, 0, 0, "official file name \"\(id)\" is not a valid id (lowercase ASCII letters, digits, hyphens)")
                    continue
                }
                tree.officialFiles.append(OfficialFile(locality: folder, id: id, path: path))
            }
        }

        for (name, kind) in tree.entries("audits", log: log) {
            let path = "audits/" + name
            guard kind == .file, name.hasSuffix(".yaml") else {
                if kind != .skip { log.error(path, 0, 0, "audits/ may hold only .yaml files") }
                continue
            }
            tree.auditFiles.append(path)
        }

        for (name, kind) in tree.entries("feedback", log: log) {
            let path = "feedback/" + name
            guard kind == .file, name.lowercased().hasSuffix(".csv") else {
                if kind != .skip { log.warning(path, 0, 0, "feedback/ holds CSV files; this entry is ignored") }
                continue
            }
            tree.feedbackFiles.append(path)
        }

        var folders = ["static"]
        while let folder = folders.popLast() {
            for (name, kind) in tree.entries(folder, log: log) {
                let path = folder + "/" + name
                if kind == .directory { folders.append(path) } else if kind == .file { tree.staticFiles.append(path) }
            }
        }
        tree.staticFiles.sort { UTF8Order.precedes($0, $1) }
        return tree
    }

    enum Kind { case file, directory, missing, skip }

    /// Sorted, non-hidden entries of a sub-folder with their kinds.
    /// Names are compared as bytes: the order of files is part of the rules.
    func entries(_ relative: String, log: DiagnosticLog) -> [(String, Kind)] {
        let abs = root + "/" + relative
        guard kind(of: relative, log: log) == .directory,
              let names = try? FileManager.default.contentsOfDirectory(atPath: abs) else { return [] }
        return names.filter { !$0.hasPrefix(".") }
            .sorted { UTF8Order.precedes($0, $1) }
            .map { ($0, kind(of: relative + "/" + $0, log: log)) }
    }

    /// The kind of an entry, following symlinks only when they stay inside the root.
    func kind(of relative: String, log: DiagnosticLog) -> Kind {
        let abs = root + "/" + relative
        var st = stat()
        guard lstat(abs, &st) == 0 else { return .missing }
        var target = abs
        if (st.st_mode & S_IFMT) == S_IFLNK {
            guard let resolved = ContentTree.realPath(abs) else {
                log.error(relative, 0, 0, "symbolic link is broken or loops")
                return .skip
            }
            guard resolved == root || resolved.hasPrefix(root + "/") else {
                log.error(relative, 0, 0, "symbolic link resolves outside the content folder (\(resolved))")
                return .skip
            }
            target = resolved
            guard stat(target, &st) == 0 else { return .missing }
        }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default:
            log.error(relative, 0, 0, "not a regular file or folder")
            return .skip
        }
    }

    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    /// Reads a file of at most `limit` bytes; larger files are an error, not a hang.
    func read(_ relative: String, limit: Int?, log: DiagnosticLog) -> [UInt8]? {
        let abs = root + "/" + relative
        var st = stat()
        guard stat(abs, &st) == 0 else {
            log.error(relative, 0, 0, "cannot read file")
            return nil
        }
        if let limit, Int(st.st_size) > limit {
            log.error(relative, 0, 0, "file is \(Int(st.st_size) / 1024) KiB; the limit is \(limit / 1024 / 1024) MiB")
            return nil
        }
        guard let data = FileManager.default.contents(atPath: abs) else {
            log.error(relative, 0, 0, "cannot read file")
            return nil
        }
        if let limit, data.count > limit {
            log.error(relative, 0, 0, "file is larger than \(limit / 1024 / 1024) MiB")
            return nil
        }
        let bytes = [UInt8](data)
        if keepsBytes { bytesRead.record(relative, bytes) }
        return bytes
    }
}
