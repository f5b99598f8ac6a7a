/// A link in a document: the front matter's `url`, and maps of tagged places.
public struct DocumentLink: Sendable, Hashable {
    public var range: Range<Int>
    public var target: String
    public var tooltip: String
}

public enum DocumentLinks {
    public static func links(_ document: DocumentAnalysis, gazetteer: Gazetteer) -> [DocumentLink] {
        var out: [DocumentLink] = []
        if let url = document.tree.frontMatter?.entry("url"), url.value.hasPrefix("http://") || url.value.hasPrefix("https://") {
            out.append(DocumentLink(range: url.valueRange, target: url.value, tooltip: "Open the article"))
        }
        for r in document.references where r.kind == .place {
            guard let id = r.entryID, let e = gazetteer.entry(id: id), let lat = e.latitude, let lon = e.longitude else { continue }
            let range = r.role == .tag ? document.tree.tags[r.tagIndex!].textRange : r.range
            out.append(DocumentLink(range: range, target: EntryMarkdown.mapLink(lat, lon), tooltip: "\(e.name) on a map"))
        }
        return out
    }
}
