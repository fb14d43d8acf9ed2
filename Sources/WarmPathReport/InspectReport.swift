import Foundation
import WarmPathSupport
import WarmPathModel
import WarmPathImport
import WarmPathAnalysis

/// What `warmpath inspect` prints: per source its kind, owner, files and counts.
public struct InspectReport: Sendable {
    public struct SourceInfo: Sendable, Codable {
        public var path: String
        public var kind: String?
        public var detected: String?
        public var owner: String?
        public var people: Int
        public var interactions: Int
        public var nodes: Int
        public var edges: Int
        public var directed: Bool?
        public var issues: Int
        public var files: [FileInfo]
        public var counters: [String: Int]
        public var error: String?
    }

    public struct FileInfo: Sendable, Codable {
        public var file: String
        public var rows: Int
        public var people: Int
        public var interactions: Int
        public var skipped: Int
    }

    public var sources: [SourceInfo]

    public init(_ loaded: [LoadedSource]) {
        sources = loaded.map { l in
            if let g = l.graph {
                let f = g.file
                return SourceInfo(
                    path: l.path, kind: l.detection?.kind.rawValue, detected: l.detection?.reason, owner: nil,
                    people: g.nodes, interactions: g.edges, nodes: g.nodes, edges: g.edges, directed: g.directed,
                    issues: g.issues.count,
                    files: [
                        FileInfo(
                            file: f.file, rows: f.rows, people: f.people, interactions: f.interactions,
                            skipped: f.skippedTotal)
                    ],
                    counters: [:], error: l.error)
            }
            let r = l.result
            return SourceInfo(
                path: l.path, kind: l.detection?.kind.rawValue, detected: l.detection?.reason,
                owner: r?.owner.map { r!.people[Int($0)].displayName }, people: r?.people.count ?? 0,
                interactions: r?.interactions.count ?? 0, nodes: r?.people.count ?? 0,
                edges: r?.interactions.filter { $0.kind == .graphEdge }.count ?? 0, directed: r?.directed,
                issues: r?.issues.count ?? 0,
                files: r?.files.map {
                    FileInfo(
                        file: $0.file, rows: $0.rows, people: $0.people, interactions: $0.interactions,
                        skipped: $0.skippedTotal)
                } ?? [], counters: r?.counters ?? [:], error: l.error)
        }
    }

    public var json: String {
        struct Wrapper: Encodable { var sources: [SourceInfo] }
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // `error` must be present as null when absent.
        var objects: [String] = []
        for s in sources {
            var data = (try? enc.encode(s)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            if s.error == nil, let close = data.lastIndex(of: "}") {
                data.replaceSubrange(close...close, with: "  \"error\" : null\n}")
                data = data.replacingOccurrences(of: "}\n  \"error\"", with: "},\n  \"error\"")
                data = data.replacingOccurrences(of: "]\n  \"error\"", with: "],\n  \"error\"")
                data = data.replacingOccurrences(of: "\"\n  \"error\"", with: "\",\n  \"error\"")
                data = data.replacingOccurrences(of: "e\n  \"error\"", with: "e,\n  \"error\"")
                data = data.replacingOccurrences(of: "l\n  \"error\"", with: "l,\n  \"error\"")
                for d in 0...9 { data = data.replacingOccurrences(of: "\(d)\n  \"error\"", with: "\(d),\n  \"error\"") }
            }
            objects.append(data)
        }
        return "{\n\"sources\" : [\n" + objects.joined(separator: ",\n") + "\n]\n}"
    }

    public var text: String {
        var out = ""
        for s in sources {
            if let e = s.error {
                out += "\(s.path): error: \(e)\n"
                continue
            }
            out += "\(s.path): \(s.kind ?? "?") (\(s.detected ?? ""))\n"
            if let o = s.owner { out += "  owner: \(o)\n" }
            out +=
                "  people: \(Format.grouped(s.people)), interactions: \(Format.grouped(s.interactions)), issues: \(Format.grouped(s.issues))\n"
            if let d = s.directed { out += "  directed: \(d)\n" }
            for f in s.files {
                out +=
                    "  \(f.file): \(Format.grouped(f.rows)) rows, \(Format.grouped(f.people)) people, \(Format.grouped(f.interactions)) interactions, \(Format.grouped(f.skipped)) skipped\n"
            }
            for (k, v) in s.counters.sorted(by: { $0.key < $1.key }) { out += "  \(k): \(Format.grouped(v))\n" }
        }
        return out
    }
}
