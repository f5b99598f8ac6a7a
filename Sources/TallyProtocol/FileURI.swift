/// Conversions between `file:` URIs and file-system paths (RFC 8089, as LSP
/// clients write them). Clients differ in what they percent-encode, so the
/// server compares files by decoded path, never by URI text.
public enum FileURI {
    /// The path of a `file:` URI (`file:///a/b%20c` → `/a/b c`); nil for
    /// other schemes or a host other than `localhost`.
    public static func path(of uri: String) -> String? {
        let bytes = Array(uri.utf8)
        let scheme = Array("file://".utf8)
        guard bytes.count >= scheme.count,
              zip(bytes, scheme).allSatisfy({ asciiLower($0) == $1 }) else { return nil }
        var rest = bytes[scheme.count...]
        if rest.first != UInt8(ascii: "/") {
            // file://host/path: only localhost names this machine.
            guard let slash = rest.firstIndex(of: UInt8(ascii: "/")) else { return nil }
            let host = String(decoding: rest[rest.startIndex..<slash], as: UTF8.self).lowercased()
            guard host == "localhost" else { return nil }
            rest = rest[slash...]
        }
        // Drop a query or fragment.
        if let cut = rest.firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) {
            rest = rest[rest.startIndex..<cut]
        }
        var out: [UInt8] = []
        out.reserveCapacity(rest.count)
        var i = rest.startIndex
        while i < rest.endIndex {
            let b = rest[i]
            if b == UInt8(ascii: "%"), i + 2 < rest.endIndex,
               let hi = hexValue(rest[i + 1]), let lo = hexValue(rest[i + 2]) {
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(b)
                i += 1
            }
        }
        var path = String(decoding: out, as: UTF8.self)
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }

    /// The `file:` URI of an absolute path, percent-encoding every byte
    /// outside the unreserved set and `/` (as VS Code does, which most
    /// clients follow).
    public static func uri(ofPath path: String) -> String {
        var out = "file://"
        let hex = Array("0123456789ABCDEF".utf8)
        var encoded: [UInt8] = []
        for b in path.utf8 {
            if isUnreserved(b) || b == UInt8(ascii: "/") {
                encoded.append(b)
            } else {
                encoded.append(UInt8(ascii: "%"))
                encoded.append(hex[Int(b >> 4)])
                encoded.append(hex[Int(b & 0x0F)])
            }
        }
        out += String(decoding: encoded, as: UTF8.self)
        return out
    }

    /// Whether `path` is `directory` or lies below it.
    public static func path(_ path: String, isInside directory: String) -> Bool {
        if directory == "/" { return path.hasPrefix("/") }
        return path == directory || path.hasPrefix(directory.hasSuffix("/") ? directory : directory + "/")
    }

    private static func isUnreserved(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
            || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "~")
    }

    private static func asciiLower(_ b: UInt8) -> UInt8 {
        b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b + 32 : b
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
