/// "Did you mean" over a small fixed vocabulary (kinds, attribute keys).
public enum Suggest {
    /// Levenshtein distance over bytes, for short words.
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.utf8), y = Array(b.utf8)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prev = Array(0...y.count)
        var cur = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            cur[0] = i
            for j in 1...y.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[y.count]
    }

    /// The closest word within a distance of a third of its length (at least 1, at most 3).
    public static func closest(_ word: String, among words: [String]) -> String? {
        let limit = min(3, max(1, word.utf8.count / 3))
        var best: (String, Int)? = nil
        for w in words {
            let d = distance(word.lowercased(), w)
            if d <= limit && (best == nil || d < best!.1) { best = (w, d) }
        }
        return best?.0
    }
}
