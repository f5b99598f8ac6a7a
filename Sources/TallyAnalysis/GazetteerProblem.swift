/// A row of a gazetteer file that could not be used.
public struct GazetteerProblem: Sendable, Hashable {
    /// 1-based line number in the source.
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }
}
