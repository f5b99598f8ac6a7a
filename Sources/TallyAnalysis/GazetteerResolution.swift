/// What a surface text (`Kayes`, `[Ségou]`, `GSIM`) names in a gazetteer.
public enum GazetteerResolution: Sendable, Hashable {
    /// Exactly one entry fits.
    case resolved(GazetteerEntry)
    /// Several entries fit equally well (most important first); the annotator
    /// should write `=id`.
    case ambiguous([GazetteerEntry])
    /// Nothing fits; `suggestions` are close spellings (did you mean …?), best first.
    case unknown(suggestions: [GazetteerEntry])

    /// The entry when resolved.
    public var entry: GazetteerEntry? {
        if case .resolved(let entry) = self { return entry }
        return nil
    }
}
