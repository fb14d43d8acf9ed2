import WarmPathSupport

/// The one rule for edge weights as graph readers store them in ``GraphDocument/edgeWeights``:
/// one `Double` per edge, NaN when the edge has no usable number. Two NaN payloads tell the
/// three kinds of NaN apart, so no reader needs a second array:
///
/// | stored value | meaning | read by `distances` as |
/// | --- | --- | --- |
/// | ``none`` (the plain `Double.nan`) | the file gives no weight for the edge | the missing weight (1.0) |
/// | ``unreadable`` | the file gives text that is not a number (`abc`) | the missing weight (1.0); reported |
/// | ``notANumber`` | the file writes NaN (`nan`, `NaN`) | refused: no transform gives NaN a cost |
///
/// Infinite, zero and negative weights are stored as they are; whether they fit is the cost
/// transform's rule. ``EdgeWeightCensus`` counts every unusual kind for the one issue per file.
///
/// ```swift
/// EdgeWeight.read(Double("nan")!)          // notANumber, never the missing weight
/// EdgeWeight.isMissing(EdgeWeight.none)    // true
/// EdgeWeight.isMissing(EdgeWeight.read(.nan)) // false
/// ```
public enum EdgeWeight {
    /// No weight given: the plain NaN every reader already writes for a missing value.
    public static let none: Double = .nan
    /// The file wrote NaN as the weight (a quiet NaN with its own payload).
    public static let notANumber = Double(nan: 0x4E_614E, signaling: false)
    /// The file wrote a weight that is not a number; the edge is kept without a weight.
    public static let unreadable = Double(nan: 0x74_7874, signaling: false)

    /// What a stored weight is.
    public enum Kind: Int, Sendable, Hashable, CaseIterable, Comparable {
        /// No weight given.
        case none
        /// NaN written in the file.
        case notANumber
        /// Text that is not a number.
        case unreadable
        /// +∞ or −∞.
        case infinite
        /// Exactly zero (either sign).
        case zero
        /// Below zero.
        case negative
        /// Above zero and finite.
        case positive

        public static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    /// The value to store for a number parsed from the file: any NaN becomes ``notANumber``
    /// (so that it is never taken for a missing weight); other values are kept as they are.
    @inlinable
    public static func read(_ x: Double) -> Double {
        x.isNaN && x.bitPattern != unreadable.bitPattern ? notANumber : x
    }

    /// True when the stored weight counts as no weight: ``none`` or ``unreadable`` (and any NaN
    /// other than ``notANumber``).
    @inlinable
    public static func isMissing(_ w: Double) -> Bool {
        w.isNaN && w.bitPattern != notANumber.bitPattern
    }

    /// True when the file wrote NaN as the weight.
    @inlinable
    public static func isNotANumber(_ w: Double) -> Bool { w.bitPattern == notANumber.bitPattern }

    /// The kind of a stored weight.
    @inlinable
    public static func kind(_ w: Double) -> Kind {
        if w.isNaN {
            if w.bitPattern == notANumber.bitPattern { return .notANumber }
            if w.bitPattern == unreadable.bitPattern { return .unreadable }
            return .none
        }
        if w.isInfinite { return .infinite }
        if w == 0 { return .zero }
        return w < 0 ? .negative : .positive
    }

    /// A stored weight as text for messages: `NaN`, `not a number`, `inf`, `0.25`, `4`.
    public static func describe(_ w: Double) -> String {
        switch kind(w) {
        case .none: "none"
        case .notANumber: "NaN"
        case .unreadable: "not a number"
        case .infinite: w > 0 ? "inf" : "-inf"
        default: w == w.rounded() && abs(w) < 1e15 ? String(Int(w)) : "\(w)"
        }
    }
}

extension GraphDocument {
    /// The weight of every edge as path searches read it: the edge attribute `weight` when the
    /// file has a column of that name, else ``edgeWeights``; `attribute` names another numeric
    /// edge attribute. Values are stored weights (``EdgeWeight``): ``EdgeWeight/none`` where an
    /// edge has none, ``EdgeWeight/notANumber`` for NaN, ``EdgeWeight/unreadable`` for text.
    /// Nil when `attribute` names no edge attribute.
    /// - Complexity: O(E).
    public func storedWeights(attribute: String? = nil) -> [Double]? {
        let name = attribute ?? "weight"
        let column = edgeAttribute(name)
        if name == "weight", column == nil {
            return edgeWeights ?? [Double](repeating: EdgeWeight.none, count: edgeCount)
        }
        guard let column else { return nil }
        // A JSON file may give some edges a numeric weight (in edgeWeights) and others a
        // `weight` that is not a number (kept as an attribute): the numeric one comes first.
        let numeric = name == "weight" ? edgeWeights : nil
        return (0..<edgeCount).map { e in
            if let numeric, e < numeric.count, EdgeWeight.kind(numeric[e]) != .none { return numeric[e] }
            guard let v = column.value(e) else { return EdgeWeight.none }
            guard let d = v.doubleValue else { return EdgeWeight.unreadable }
            return EdgeWeight.read(d)
        }
    }
}

/// How many edges of one graph file have each unusual weight: NaN, infinite, zero, negative,
/// or not a number. ``issue(source:file:)`` is the one issue per file, ``summary`` its text
/// (also the one line on stderr).
public struct EdgeWeightCensus: Sendable, Hashable {
    /// Edges in the file.
    public var edges = 0
    /// Edges per kind.
    public private(set) var counts: [EdgeWeight.Kind: Int] = [:]
    /// The line (or, when the file has no lines, 0) of the first edge of each kind.
    public private(set) var firstLine: [EdgeWeight.Kind: Int] = [:]
    /// The first edge (document index) of each kind.
    public private(set) var firstEdge: [EdgeWeight.Kind: Int] = [:]

    /// The kinds reported, in the order of the message.
    public static let unusual: [EdgeWeight.Kind] = [.notANumber, .infinite, .unreadable, .zero, .negative]

    public init() {}

    /// Counts the weights of `document` (``GraphDocument/storedWeights(attribute:)``).
    /// - Complexity: O(E).
    public init(_ document: GraphDocument) {
        edges = document.edgeCount
        guard let weights = document.storedWeights() else { return }
        for (e, w) in weights.enumerated() where w.isNaN || w.isInfinite || w <= 0 {
            let k = EdgeWeight.kind(w)
            guard k != .none else { continue }
            counts[k, default: 0] += 1
            if firstEdge[k] == nil {
                firstEdge[k] = e
                firstLine[k] = e < document.edgeLines.count ? Int(document.edgeLines[e]) : 0
            }
        }
    }

    public func count(_ kind: EdgeWeight.Kind) -> Int { counts[kind] ?? 0 }

    /// True when no edge has an unusual weight.
    public var isEmpty: Bool { Self.unusual.allSatisfy { count($0) == 0 } }

    /// NaN, infinite and not-a-number weights are warnings; zero and negative ones are
    /// information (a transform may accept them, and signed ratings have them on purpose).
    public var severity: IssueSeverity {
        count(.notANumber) + count(.infinite) + count(.unreadable) > 0 ? .warning : .info
    }

    /// `edge weights: 2 NaN (first on line 4), 1 zero (line 9) of 120 edges; NaN and infinite
    /// weights have no cost (distances refuses them), …`; nil when there is nothing to say.
    public var summary: String? {
        guard !isEmpty else { return nil }
        var parts: [String] = []
        for k in Self.unusual where count(k) > 0 {
            let name: String =
                switch k {
                case .notANumber: "NaN"
                case .infinite: "infinite"
                case .unreadable: count(k) == 1 ? "not a number" : "not numbers"
                case .zero: "zero"
                case .negative: "negative"
                default: "\(k)"
                }
            let line = firstLine[k] ?? 0
            parts.append(
                "\(Format.grouped(count(k))) \(name)" + (line > 0 ? " (first on line \(line))" : ""))
        }
        var rules: [String] = []
        if count(.notANumber) + count(.infinite) > 0 {
            rules.append("NaN and infinite weights have no cost: distances refuses them")
        }
        if count(.unreadable) > 0 { rules.append("a weight that is not a number counts as no weight") }
        if count(.zero) + count(.negative) > 0 {
            rules.append("zero and negative weights fit only some transforms (see distances --help)")
        }
        return "edge weights: " + parts.joined(separator: ", ") + " of \(Format.grouped(edges)) edges; "
            + rules.joined(separator: "; ")
    }

    /// The one issue for a graph file, or nil when every weight is usual.
    public func issue(source: String, file: String) -> ImportIssue? {
        guard let summary else { return nil }
        return ImportIssue(source: source, file: file, line: 0, severity: severity, message: summary)
    }
}
