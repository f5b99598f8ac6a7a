/// Whether a gazetteer entry names a place or an actor (a group, a force, a
/// category of people such as civilians).
public enum GazetteerEntryKind: String, Sendable, Hashable, CaseIterable {
    case place
    case actor
}
