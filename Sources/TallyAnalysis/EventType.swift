/// The event-type vocabulary of `type=`, aligned with ACLED's six event types
/// and their sub-event types. A sub-event type implies its event type.
public struct EventType: Sendable, Hashable {
    /// The slug written in documents: `violence-against-civilians`, `armed-clash`.
    public var id: String
    /// ACLED's label: "Violence against civilians", "Armed clash".
    public var label: String
    /// For a sub-event type, the id of its event type; nil for an event type.
    public var parent: String?

    public static let all: [EventType] = {
        let tree: [(String, String, [(String, String)])] = [
            ("battles", "Battles", [
                ("armed-clash", "Armed clash"),
                ("government-regains-territory", "Government regains territory"),
                ("non-state-actor-overtakes-territory", "Non-state actor overtakes territory"),
            ]),
            ("violence-against-civilians", "Violence against civilians", [
                ("sexual-violence", "Sexual violence"),
                ("attack", "Attack"),
                ("abduction-forced-disappearance", "Abduction/forced disappearance"),
            ]),
            ("explosions-remote-violence", "Explosions/Remote violence", [
                ("chemical-weapon", "Chemical weapon"),
                ("air-drone-strike", "Air/drone strike"),
                ("suicide-bomb", "Suicide bomb"),
                ("shelling-artillery-missile-attack", "Shelling/artillery/missile attack"),
                ("remote-explosive-landmine-ied", "Remote explosive/landmine/IED"),
                ("grenade", "Grenade"),
            ]),
            ("protests", "Protests", [
                ("peaceful-protest", "Peaceful protest"),
                ("protest-with-intervention", "Protest with intervention"),
                ("excessive-force-against-protesters", "Excessive force against protesters"),
            ]),
            ("riots", "Riots", [
                ("violent-demonstration", "Violent demonstration"),
                ("mob-violence", "Mob violence"),
            ]),
            ("strategic-developments", "Strategic developments", [
                ("agreement", "Agreement"),
                ("arrests", "Arrests"),
                ("change-to-group-activity", "Change to group/activity"),
                ("disrupted-weapons-use", "Disrupted weapons use"),
                ("headquarters-or-base-established", "Headquarters or base established"),
                ("looting-property-destruction", "Looting/property destruction"),
                ("non-violent-transfer-of-territory", "Non-violent transfer of territory"),
                ("other", "Other"),
            ]),
        ]
        var out: [EventType] = []
        for (id, label, subs) in tree {
            out.append(EventType(id: id, label: label, parent: nil))
            for (sid, slabel) in subs { out.append(EventType(id: sid, label: slabel, parent: id)) }
        }
        return out
    }()

    private static let byID: [String: EventType] = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })

    public static func named(_ id: String) -> EventType? { byID[id] }

    /// The event type (for a sub-event type, its parent).
    public var eventType: EventType { parent.flatMap { Self.byID[$0] } ?? self }
}
