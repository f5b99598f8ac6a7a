/// Where a gazetteer entry was defined: the default gazetteer compiled into the
/// binary, or a line of a gazetteer file (the path is whatever string the
/// caller gave the parser as the source name; lines count from 1).
public enum GazetteerOrigin: Sendable, Hashable {
    case embedded
    case file(path: String, line: Int)
}
