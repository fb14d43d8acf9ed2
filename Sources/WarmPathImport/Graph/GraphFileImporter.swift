import Foundation
import WarmPathSupport
import WarmPathModel

/// Imports one generic graph file (GraphML, GEXF, node-link / Cytoscape / graphology JSON, GML,
/// Pajek, delimited edge list), recognised by content, as a source of people and
/// ``InteractionKind/graphEdge`` interactions.
///
/// Every node becomes a ``PersonRecord`` (name from `name`/`label`/`Label`, profile URL from
/// `profile_url`/`url`/`linkedin`, e-mail, company and title attributes, the node id as a
/// node identity so it stays a plain node when nothing else identifies it); every edge becomes
/// one interaction with its weight, its time (from a `time`/`timestamp` attribute) and the
/// `.undirected` flag when the edge holds both ways.
public struct GraphFileImporter: SourceImporter {
    public init() {}

    public var kinds: [SourceKind] { [.graphml, .gexf, .nodeLink, .cytoscape, .graphology, .gml, .pajek, .edgelist] }
    public var name: String { "graph file (GraphML, GEXF, JSON, GML, Pajek, edge list)" }

    public func detect(_ container: SourceContainer) -> Detection? {
        guard let entry = GraphFile.singleEntry(container) else { return nil }
        guard let head = GraphFile.head(container, entry), let r = GraphDetection.detect(head: head, fileName: entry)
        else {
            return nil
        }
        return Detection(kind: r.kind.sourceKind, confidence: r.confidence, reason: "\(entry): \(r.reason)")
    }

    public func importSource(_ container: SourceContainer, options: ImportOptions) throws -> SourceImport {
        let (file, entry) = try Self.readFile(container, options: options)
        return Self.sourceImport(file, path: container.path, file: entry)
    }

    /// Reads the one graph file of `container` (``GraphFile``).
    public static func readFile(_ container: SourceContainer, options: ImportOptions) throws -> (
        file: GraphFile, entry: String
    ) {
        guard let entry = GraphFile.singleEntry(container) else {
            throw ImportError.nothingUsable(path: container.path, reason: "a graph source must be a single file")
        }
        return (try GraphFile.read(container, entry: entry, source: options.label), entry)
    }

    /// A read graph file as a source, with a warning when the graph has no nodes.
    public static func sourceImport(_ file: GraphFile, path: String, file entry: String) -> SourceImport {
        let label = file.source
        var imp = sourceImport(file.result, kind: file.kind.sourceKind, path: path, label: label, file: entry)
        if let note = file.weights.summary, !imp.files.isEmpty { imp.files[0].notes.append(note) }
        if imp.people.isEmpty && imp.interactions.isEmpty {
            imp.issues.append(
                ImportIssue(source: label, file: entry, line: 0, severity: .warning, message: "the graph has no nodes"))
        }
        return imp
    }

    // MARK: Graph → people and interactions

    static let nameKeys = [
        "name", "label", "Label", "Name", "displayName", "display_name", "full_name", "fullName", "title_name",
    ]
    static let urlKeys = [
        "profile_url", "profileURL", "profileUrl", "url", "URL", "linkedin", "linkedin_url", "LinkedIn", "link",
    ]
    static let emailKeys = ["email", "Email", "e-mail", "E-mail", "mail"]
    static let companyKeys = ["company", "Company", "organization", "organisation", "employer", "org"]
    static let positionKeys = ["position", "Position", "title", "Title", "job_title", "jobTitle", "role"]
    static let firstNameKeys = ["first_name", "firstName", "First Name", "given_name"]
    static let lastNameKeys = ["last_name", "lastName", "Last Name", "family_name"]
    static let timeKeys = ["time", "timestamp", "Time", "Timestamp", "date", "created_at"]

    /// Converts a read graph into a source: one person per node, one interaction per edge.
    public static func sourceImport(
        _ result: GraphReadResult, kind: SourceKind, path: String, label: String, file: String
    )
        -> SourceImport
    {
        let doc = result.document
        var issues = result.issues
        /// Columns matching any of `names`, in the order of `names`.
        func columns(_ names: [String], in cols: [AttributeColumn]) -> [Int] {
            names.compactMap { n in cols.firstIndex { $0.name == n } }
        }
        let nodeCols = doc.nodeAttributes
        let nameCols = columns(nameKeys, in: nodeCols)
        let urlCols = columns(urlKeys, in: nodeCols)
        let emailCols = columns(emailKeys, in: nodeCols)
        let companyCols = columns(companyKeys, in: nodeCols)
        let positionCols = columns(positionKeys, in: nodeCols)
        let firstCols = columns(firstNameKeys, in: nodeCols)
        let lastCols = columns(lastNameKeys, in: nodeCols)

        var people: [PersonRecord] = []
        people.reserveCapacity(doc.nodeCount)
        var used = Set<Int>()
        for v in 0..<doc.nodeCount {
            let id = doc.nodeIDs[v]
            used.removeAll(keepingCapacity: true)
            /// The first of `cols` with a usable value for this node (marked used).
            func text(_ cols: [Int], accept: (String) -> String? = { $0 }) -> String? {
                for c in cols {
                    guard let a = nodeCols[c].value(v) else { continue }
                    let t = a.text.trimmingCharacters(in: .whitespacesAndNewlines)
                    if t.isEmpty || IdentityNormalizer.isPlaceholder(t) { continue }
                    if let x = accept(t) {
                        used.insert(c)
                        return x
                    }
                }
                return nil
            }
            let first = text(firstCols) ?? ""
            let last = text(lastCols) ?? ""
            var display = text(nameCols) ?? ""
            if display.isEmpty && !(first.isEmpty && last.isEmpty) {
                display = [first, last].filter { !$0.isEmpty }.joined(separator: " ")
            }
            if display.isEmpty { display = id }
            let urls = text(urlCols, accept: IdentityNormalizer.canonicalProfileURL).map { [$0] } ?? []
            let emails = text(emailCols, accept: IdentityNormalizer.email).map { [$0] } ?? []
            let company = text(companyCols) ?? ""
            let position = text(positionCols) ?? ""
            var attrs: [String: String] = [:]
            for (c, col) in nodeCols.enumerated() where !used.contains(c) {
                if let a = col.value(v) { attrs[col.name] = a.text }
            }
            let line = v < doc.nodeLines.count ? Int(doc.nodeLines[v]) : 0
            people.append(
                PersonRecord(
                    displayName: IdentityNormalizer.displayName(display), firstName: first, lastName: last,
                    company: company, position: position, profileURLs: urls, emails: emails,
                    nodeIDs: [id], attributes: attrs,
                    provenance: Provenance(
                        source: label, file: file, line: line, location: line > 0 ? nil : "node \(id)")))
        }

        let timeCols = columns(timeKeys, in: doc.edgeAttributes)
        var interactions: [Interaction] = []
        interactions.reserveCapacity(doc.edgeCount)
        var badTimes = 0
        for e in 0..<doc.edgeCount {
            var time: Double?
            if let a = timeCols.lazy.compactMap({ doc.edgeAttributes[$0].value(e) }).first {
                time = parseTime(a)
                if time == nil { badTimes += 1 }
            }
            // NaN, and weights that are not numbers, are no weight here (the census reported them).
            var w = doc.edgeWeights?[e]
            if let x = w, x.isNaN { w = nil }
            let line = e < doc.edgeLines.count ? Int(doc.edgeLines[e]) : 0
            interactions.append(
                Interaction(
                    kind: .graphEdge, time: time, actor: doc.edgeSources[e], recipients: [doc.edgeTargets[e]],
                    weight: w, flags: doc.isDirected(edge: e) ? [] : .undirected,
                    provenance: Provenance(
                        source: label, file: file, line: line, location: line > 0 ? nil : "edge \(e)")))
        }
        if badTimes > 0 {
            issues.append(
                ImportIssue(
                    source: label, file: file, line: 0, severity: .warning,
                    message: "\(Format.grouped(badTimes)) edge time value(s) not understood; those edges are undated"))
        }
        let summary = FileSummary(
            file: file, rows: doc.nodeCount + doc.edgeCount, people: doc.nodeCount, interactions: doc.edgeCount)
        return SourceImport(
            kind: kind, path: path, label: label, people: people, interactions: interactions, files: [summary],
            issues: issues, directed: doc.directed)
    }

    /// Seconds since 1970 from a number (seconds, or milliseconds when above 1e11) or a date /
    /// date-time text, by the one date parser (``DateParser``).
    static func parseTime(_ a: AttributeValue) -> Double? {
        switch a {
        case .int(let i): return DateParser.epoch(Double(i))
        case .double(let d): return DateParser.epoch(d)
        case .string(let s): return DateParser.parseTimestamp(s)
        default: return nil
        }
    }
}
