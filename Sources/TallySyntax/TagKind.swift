/// The kinds a tag can have: a reference to an actor or a place, or a figure.
public enum TagKind: String, Sendable, Hashable, CaseIterable {
    case actor
    case place
    case killed
    case injured
    case abducted
    case missing
    case arrested
    case displaced

    /// The figure kinds: tags that carry a count.
    public static let figureKinds: [TagKind] = [.killed, .injured, .abducted, .missing, .arrested, .displaced]

    public var isFigure: Bool { self != .actor && self != .place }

    /// Attribute keys this kind accepts after its head.
    public var allowedAttributes: [String] {
        isFigure ? ["victim", "by", "in", "note"] : ["note"]
    }
}

/// The attribute keys of an incident opening line.
public enum IncidentAttribute {
    public static let keys: [String] = ["date", "type", "place", "by", "victim", "note"]
        + TagKind.figureKinds.map(\.rawValue)
    /// Keys whose value is a comma-separated list of gazetteer ids.
    public static let idListKeys: Set<String> = ["place", "by", "victim"]
}

/// The front-matter keys of v1.
public enum FrontMatterKey {
    public static let keys: [String] = ["title", "source", "url", "published", "author", "language"]
}
