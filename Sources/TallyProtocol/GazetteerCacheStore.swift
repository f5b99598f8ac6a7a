import Foundation
import TallyAnalysis

/// Where built gazetteers are cached on disk, and how a cache is found,
/// checked and written (the bytes themselves are `GazetteerCache`'s).
///
/// The directory is `$TALLY_CACHE_DIR` when set, else `$XDG_CACHE_HOME/tally`,
/// else `~/.cache/tally`. A cache file is named after a hash of its key; the
/// key lists the cache format version, the embedded gazetteer's fingerprint
/// when it is used, and each gazetteer file's absolute path, size and
/// modification time, so editing, replacing or touching a source makes the
/// cache stale. Stale, truncated or corrupt caches are ignored and rebuilt;
/// failures to write one are silent (a cache is an optimisation, never a
/// requirement).
public struct GazetteerCacheStore: Sendable {
    public var directory: String
    /// Projects whose gazetteer files total fewer bytes than this are not
    /// cached (they parse in milliseconds; caching them would only litter).
    public var minimumSourceSize: Int

    public init(directory: String, minimumSourceSize: Int = 1 << 20) {
        self.directory = directory
        self.minimumSourceSize = minimumSourceSize
    }

    /// The store the environment asks for, or nil when no directory can be
    /// named (no `TALLY_CACHE_DIR`, `XDG_CACHE_HOME` or `HOME`) or caching is
    /// turned off with `TALLY_CACHE_DIR=off`.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> GazetteerCacheStore? {
        if let dir = environment["TALLY_CACHE_DIR"], !dir.isEmpty {
            return dir == "off" ? nil : GazetteerCacheStore(directory: dir)
        }
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return GazetteerCacheStore(directory: xdg + "/tally")
        }
        if let home = environment["HOME"], !home.isEmpty {
            return GazetteerCacheStore(directory: home + "/.cache/tally")
        }
        return nil
    }

    /// Size and modification time of a source file, as they go into a key.
    public struct SourceStamp: Sendable, Hashable {
        public var path: String
        public var size: Int64
        public var modificationNanoseconds: Int64

        public init(path: String, size: Int64, modificationNanoseconds: Int64) {
            self.path = path
            self.size = size
            self.modificationNanoseconds = modificationNanoseconds
        }

        /// The stamp of the file at `path`, nil when it cannot be examined.
        public static func of(_ path: String) -> SourceStamp? {
            var st = stat()
            guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
            #if canImport(Darwin)
            let time = st.st_mtimespec
            #else
            let time = st.st_mtim
            #endif
            return SourceStamp(path: path, size: Int64(st.st_size),
                               modificationNanoseconds: Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec))
        }
    }

    /// The key of a gazetteer built from `sources` (in order), on top of the
    /// embedded gazetteer when `embeddedFingerprint` is given.
    public static func key(sources: [SourceStamp], embeddedFingerprint: String?) -> String {
        var key = "tally-gazetteer-cache v\(GazetteerCache.formatVersion)\n"
        key += "embedded \(embeddedFingerprint ?? "none")\n"
        for s in sources { key += "\(s.path)\t\(s.size)\t\(s.modificationNanoseconds)\n" }
        return key
    }

    /// The cache file for a key: one file per set of sources, so caches of
    /// different projects do not evict each other.
    public func path(forKey key: String) -> String {
        // Named after the source paths alone: a newer format or an edited
        // source then overwrites the stale cache instead of adding another.
        let names = key.split(separator: "\n").dropFirst(2).map { $0.split(separator: "\t").first.map(String.init) ?? "" }
        let sourceList = names.isEmpty ? key : names.joined(separator: "\n")
        return directory + "/gazetteer-" + GazetteerCacheStore.hexHash(sourceList) + ".cache"
    }

    /// What is cached under `key`, or nil (no cache, stale, corrupt) with the reason.
    public func load(key: String) -> Result<GazetteerCache.Contents, LoadFailure> {
        let file = path(forKey: key)
        let bytes: [UInt8]
        do {
            bytes = try SourceFile.read(file)
        } catch {
            return .failure(.missing)
        }
        do {
            return .success(try GazetteerCache.decode(bytes, key: key))
        } catch {
            return .failure(.rejected(error))
        }
    }

    public enum LoadFailure: Error, Sendable, Hashable {
        case missing
        case rejected(GazetteerCache.DecodeError)
    }

    /// Writes a cache (a temporary file, then a rename, so readers never see
    /// half a file). Returns false when it could not be written.
    @discardableResult
    public func save(_ gazetteer: Gazetteer, messages: [String], key: String) -> Bool {
        let bytes = GazetteerCache.encode(gazetteer, messages: messages, key: key)
        guard GazetteerCacheStore.makeDirectories(directory) else { return false }
        let file = path(forKey: key)
        var template = Array("\(file).XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return false }
        let tmp = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var written = 0
        var ok = true
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                ok = false
                break
            }
            written += n
        }
        if close(fd) != 0 { ok = false }
        if ok, rename(tmp, file) == 0 { return true }
        unlink(tmp)
        return false
    }

    /// `mkdir -p`.
    static func makeDirectories(_ path: String) -> Bool {
        var st = stat()
        if stat(path, &st) == 0 { return (st.st_mode & S_IFMT) == S_IFDIR }
        let parent = ProjectConfiguration.directoryOf(path)
        if parent != path, !parent.isEmpty, parent != "/" { _ = makeDirectories(parent) }
        return mkdir(path, 0o755) == 0 || errno == EEXIST
    }

    /// FNV-1a, 64 bits, in hex: stable across runs and platforms.
    public static func hexHash(_ text: String) -> String {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x100_0000_01B3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
