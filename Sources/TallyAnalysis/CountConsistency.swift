/// The count rules inside one document: `count-conflict` and `count-exceeds-total`.
struct CountConsistency {
    let uri: String
    let tree: SyntaxTree
    let figures: [Figure]
    let incidents: [Incident]
    var findings: [Diagnostic] = []

    init(analyzer: DocumentAnalyzer) {
        uri = analyzer.uri
        tree = analyzer.tree
        figures = analyzer.figures
        incidents = analyzer.incidents
    }

    func line(_ offset: Int) -> Int { tree.lineIndex.line(containing: offset) + 1 }

    func valueRange(_ f: Figure) -> Range<Int> {
        tree.tags[f.tagIndex].valueRange ?? f.range
    }

    mutating func add(_ rule: String, _ range: Range<Int>, _ message: String, related: [RelatedLocation], fixes: [Fix] = []) {
        findings.append(Diagnostic(rule: rule, severity: RuleCatalog.info(rule)?.defaultSeverity ?? .error,
                                   range: range, message: message, related: related, fixes: fixes))
    }

    /// Edits that set figure `f`'s value to `interval`.
    func setValue(_ f: Figure, to interval: CountInterval) -> TextEdit {
        let tag = tree.tags[f.tagIndex]
        if let vr = tag.valueRange { return TextEdit(range: vr, newText: interval.description) }
        return TextEdit(range: tag.kindRange.upperBound..<tag.kindRange.upperBound, newText: "=\(interval.description)")
    }

    mutating func check() {
        for inc in incidents {
            for kind in TagKind.figureKinds {
                let mine = inc.figureIndices.filter { figures[$0].kind == kind && figures[$0].interval != nil }
                let restatements = mine.filter { !figures[$0].isPart }
                let parts = mine.filter { figures[$0].isPart }
                let declared = inc.declared[kind]
                // Restatements against the declared total.
                if let declared {
                    for r in restatements {
                        let f = figures[r]
                        let iv = f.interval!
                        if !iv.overlaps(declared.interval) {
                            add("count-conflict", f.range,
                                "'\(f.text)' gives \(iv.display) \(kind.rawValue), but incident '\(inc.id)' declares \(kind.rawValue)=\(declared.interval). If this counts only some of the victims, add victim=ACTOR; otherwise correct one of them.",
                                related: [RelatedLocation(uri: uri, range: declared.range, message: "declared total \(kind.rawValue)=\(declared.interval) (line \(line(declared.range.lowerBound)))")],
                                fixes: [
                                    Fix(title: "Change this figure to \(declared.interval)", edits: [uri: [setValue(f, to: declared.interval)]], isSafe: false),
                                    Fix(title: "Change the declared total to \(iv)", edits: [uri: [TextEdit(range: declared.range, newText: iv.description)]], isSafe: false),
                                ])
                        }
                    }
                }
                // Restatements against each other.
                for (j, b) in restatements.enumerated() {
                    for a in restatements[..<j] {
                        let fa = figures[a], fb = figures[b]
                        let ia = fa.interval!, ib = fb.interval!
                        guard !ia.overlaps(ib) else { continue }
                        if let d = declared, !ib.overlaps(d.interval) || !ia.overlaps(d.interval) { continue }
                        add("count-conflict", fb.range,
                            "'\(fb.text)' gives \(ib.display) \(kind.rawValue) for incident '\(inc.id)', but '\(fa.text)' on line \(line(fa.range.lowerBound)) gives \(ia.display). Both restate the total; correct one, or add victim=ACTOR to the one that counts a part.",
                            related: [RelatedLocation(uri: uri, range: fa.range, message: "'\(fa.text)' gives \(ia.display)")],
                            fixes: [
                                Fix(title: "Use \(ia) here (as on line \(line(fa.range.lowerBound)))", edits: [uri: [setValue(fb, to: ia)]], isSafe: false),
                                Fix(title: "Use \(ib) on line \(line(fa.range.lowerBound)) too", edits: [uri: [setValue(fa, to: ib)]], isSafe: false),
                            ])
                        break
                    }
                }
                // Parts against the total.
                guard !parts.isEmpty, let sum = IncidentTotal.sumOfParts(parts, figures: figures) else { continue }
                var totalHigh: Int? = nil
                var totalRelated: [RelatedLocation] = []
                var totalText = ""
                if let d = declared {
                    totalHigh = d.interval.high
                    totalText = "\(kind.rawValue)=\(d.interval)"
                    totalRelated.append(RelatedLocation(uri: uri, range: d.range, message: "declared total \(kind.rawValue)=\(d.interval)"))
                } else {
                    var common: CountInterval? = nil
                    for r in restatements {
                        let iv = figures[r].interval!
                        common = common.map { $0.intersection(iv) ?? $0 } ?? iv
                        totalRelated.append(RelatedLocation(uri: uri, range: figures[r].range, message: "total: '\(figures[r].text)' (\(iv.display))"))
                    }
                    totalHigh = common?.high
                    totalText = common?.display ?? ""
                }
                guard let hi = totalHigh, sum.low > hi else { continue }
                let last = figures[parts.last!]
                let partList = parts.map { "'\(figures[$0].text)' (\(figures[$0].victim ?? ""): \(figures[$0].interval!.display))" }.joined(separator: ", ")
                let related = totalRelated + parts.dropLast().map { RelatedLocation(uri: uri, range: figures[$0].range, message: "part: '\(figures[$0].text)'") }
                add("count-exceeds-total", last.range,
                    "The parts of incident '\(inc.id)' add up to at least \(sum.low) \(kind.rawValue) (\(partList)), more than its total \(totalText) allows. Correct a part or the total.",
                    related: related)
            }
        }
    }
}
