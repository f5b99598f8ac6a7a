/// What the server loop tells the analysis side. Events queue up while an
/// analysis runs and are applied in order at the start of the next one, so
/// a burst of edits costs one analysis of the latest text.
enum WorkspaceEvent: Sendable {
    /// From `initialize`: the workspace folders (paths) and editor settings.
    case configure(folders: [String], settings: ServerSettings)
    /// New editor settings (configuration change).
    case settings(ServerSettings)
    /// A document was opened or changed: its latest text and version.
    case edited(TextDocument)
    case closed(uri: String)
    /// Files changed on disk (`workspace/didChangeWatchedFiles`): URI and
    /// LSP change type (1 created, 2 changed, 3 deleted).
    case watched([(uri: String, type: Int)])
    /// Find and analyse every `.tally` file under the folders, reporting to
    /// `progress` if given.
    case index(progress: WorkDoneProgress?)
}
