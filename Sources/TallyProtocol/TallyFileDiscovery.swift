import Foundation

/// Finds `.tally` files under paths, recursively, in a stable order, without following symlink loops.
public enum TallyFileDiscovery {
    public struct Result: Sendable {
        /// Files found, sorted, each once.
        public var files: [String]
        /// Paths that could not be read (missing, unreadable directory, loop), with the reason.
        public var problems: [SourceFile.ReadError]
    }

    /// Directories never entered.
    static let skippedDirectories: Set<String> = [".git", ".build", "node_modules", ".hg", ".svn"]

    public static func find(_ paths: [String], fileExtension: String = "tally") -> Result {
        var files: [String] = []
        var seen: Set<String> = []
        var problems: [SourceFile.ReadError] = []
        var visitedDirs: Set<String> = []
        for p in paths {
            var st = stat()
            guard stat(p, &st) == 0 else {
                problems.append(SourceFile.ReadError(path: p, message: SourceFile.errnoMessage()))
                continue
            }
            if (st.st_mode & S_IFMT) == S_IFDIR {
                walk(p, ext: fileExtension, files: &files, problems: &problems, visited: &visitedDirs, depth: 0)
            } else {
                // A file named explicitly is checked whatever its extension.
                files.append(p)
            }
        }
        var unique: [String] = []
        for f in files where seen.insert(normalize(f)).inserted { unique.append(f) }
        return Result(files: unique.sorted(), problems: problems)
    }

    static func normalize(_ p: String) -> String {
        var s = p
        while s.hasPrefix("./") { s.removeFirst(2) }
        return s
    }

    static func walk(_ dir: String, ext: String, files: inout [String], problems: inout [SourceFile.ReadError],
                     visited: inout Set<String>, depth: Int) {
        guard depth < 64 else {
            problems.append(SourceFile.ReadError(path: dir, message: "directory nesting deeper than 64 levels; not entered"))
            return
        }
        guard let real = realpath(dir, nil) else {
            problems.append(SourceFile.ReadError(path: dir, message: SourceFile.errnoMessage()))
            return
        }
        let key = String(cString: real)
        free(real)
        guard visited.insert(key).inserted else { return }
        guard let d = opendir(dir) else {
            problems.append(SourceFile.ReadError(path: dir, message: "cannot read directory: \(SourceFile.errnoMessage())"))
            return
        }
        var names: [String] = []
        while let entry = readdir(d) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            names.append(name)
        }
        closedir(d)
        for name in names.sorted() {
            let path = dir.hasSuffix("/") ? dir + name : dir + "/" + name
            var st = stat()
            guard stat(path, &st) == 0 else {
                // A dangling symlink or a file that vanished: report only when it looks like ours.
                if name.hasSuffix("." + ext) { problems.append(SourceFile.ReadError(path: path, message: SourceFile.errnoMessage())) }
                continue
            }
            if (st.st_mode & S_IFMT) == S_IFDIR {
                if skippedDirectories.contains(name) { continue }
                walk(path, ext: ext, files: &files, problems: &problems, visited: &visited, depth: depth + 1)
            } else if name.hasSuffix("." + ext) {
                files.append(path)
            }
        }
    }
}
