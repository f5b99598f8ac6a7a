import Foundation

/// Reading files from disk with clear, located errors.
public enum SourceFile {
    /// Files larger than this are refused, so one stray file cannot exhaust memory.
    public static let maximumSize = 256 * 1024 * 1024

    public struct ReadError: Error, Sendable, Hashable, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path): \(message)" }
        public init(path: String, message: String) {
            self.path = path
            self.message = message
        }
    }

    /// The bytes of the file at `path`.
    public static func read(_ path: String) throws(ReadError) -> [UInt8] {
        var st = stat()
        guard stat(path, &st) == 0 else { throw ReadError(path: path, message: errnoMessage()) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw ReadError(path: path, message: "is a directory") }
        if st.st_size > maximumSize {
            throw ReadError(path: path, message: "is \(st.st_size / (1024 * 1024)) MiB; files over \(maximumSize / (1024 * 1024)) MiB are not read")
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ReadError(path: path, message: errnoMessage()) }
        defer { close(fd) }
        var out: [UInt8] = []
        out.reserveCapacity(Int(st.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ReadError(path: path, message: errnoMessage())
            }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
            if out.count > maximumSize {
                throw ReadError(path: path, message: "is larger than \(maximumSize / (1024 * 1024)) MiB; not read")
            }
        }
        return out
    }

    /// True when the bytes look like a binary file rather than text (a NUL byte early on).
    public static func looksBinary(_ bytes: [UInt8]) -> Bool {
        bytes.prefix(8192).contains(0)
    }

    public static func errnoMessage() -> String {
        switch errno {
        case ENOENT: return "no such file or directory"
        case EACCES: return "permission denied"
        case ELOOP: return "too many levels of symbolic links"
        case EISDIR: return "is a directory"
        default: return String(cString: strerror(errno))
        }
    }

    /// Writes `bytes` to `path` atomically: a temporary file in the same directory, then rename.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(ReadError) {
        let dir = ProjectConfiguration.directoryOf(path)
        let name = path.split(separator: "/").last.map(String.init) ?? "file"
        var template = Array("\(dir)/.\(name).tally-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw ReadError(path: path, message: "cannot create a temporary file: \(errnoMessage())") }
        let tmp = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var st = stat()
        if stat(path, &st) == 0 { fchmod(fd, st.st_mode & 0o7777) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                let m = errnoMessage()
                close(fd)
                unlink(tmp)
                throw ReadError(path: path, message: "write failed: \(m)")
            }
            written += n
        }
        if fsync(fd) != 0 || close(fd) != 0 {
            let m = errnoMessage()
            unlink(tmp)
            throw ReadError(path: path, message: "write failed: \(m)")
        }
        if rename(tmp, path) != 0 {
            let m = errnoMessage()
            unlink(tmp)
            throw ReadError(path: path, message: "cannot replace the file: \(m)")
        }
    }
}
