extension SyntaxTree {
    /// The article without its markup: prose and tag texts, escapes resolved;
    /// front matter, comments, fence lines and tag attributes removed.
    public func articleBytes() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for t in tokens where t.kind.isArticleText {
            if t.kind == .escape {
                out.append(bytes[t.end - 1])
            } else {
                out.append(contentsOf: bytes[t.start..<t.end])
            }
        }
        return out
    }

    public func articleText() -> String { String(decoding: articleBytes(), as: UTF8.self) }
}
