import CLibXML2
import WarmPathSupport
import WarmPathModel
import Foundation

// The only Swift file that imports libxml2. Everything else sees plain Swift values through
// ``XMLEventHandler``, ``XMLStartElement`` and ``XMLEndElement``.

/// Limits for one XML parse of an untrusted file.
public struct XMLParseOptions: Sendable, Hashable {
    /// Deepest element nesting accepted; deeper documents are refused with an error.
    ///
    /// libxml2 itself stops at 256 levels (we never pass `XML_PARSE_HUGE`), so values above
    /// 256 behave like 256.
    public var maxDepth: Int
    /// Most non-fatal parser diagnostics kept (the rest are counted in the last one).
    public var maxWarnings: Int
    /// Longest run of character data between two tags (one text node, CDATA included), in
    /// bytes; a longer one stops the parse with an error naming its line. libxml2 has the same
    /// bound (`XML_MAX_TEXT_LENGTH`) for the trees it builds, but not for a SAX stream, where
    /// our handlers would gather gigabytes.
    public var maxTextBytes: Int

    /// The default ``maxTextBytes``: 10,000,000 bytes, libxml2's own `XML_MAX_TEXT_LENGTH`.
    public static let defaultMaxTextBytes = 10_000_000

    /// Creates options; the defaults suit every graph file warmpath reads.
    public init(maxDepth: Int = 256, maxWarnings: Int = 100, maxTextBytes: Int = XMLParseOptions.defaultMaxTextBytes) {
        self.maxDepth = maxDepth
        self.maxWarnings = maxWarnings
        self.maxTextBytes = maxTextBytes
    }
}

/// A document that cannot be read as a whole: not well-formed, truncated, too deep, declaring
/// entities, or refused by the handler. `line` is 1-based, 0 when unknown.
public struct XMLParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    /// `line 12: Opening and ending tag mismatch: node and graph`.
    public var description: String { line > 0 ? "line \(line): \(message)" : message }
}

/// A non-fatal diagnostic from libxml2 (for example an undeclared namespace prefix).
public struct XMLParseWarning: Sendable, Hashable {
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }
}

/// The handler after the parse, plus libxml2's non-fatal diagnostics.
public struct XMLParseOutcome<Handler> {
    public var handler: Handler
    public var warnings: [XMLParseWarning]
}

/// Receives the events of a streaming parse.
///
/// The ``XMLStartElement`` and ``XMLEndElement`` views and the text buffer are only valid
/// during the call; copy what you keep. Throwing from a method stops the parse and the error
/// is rethrown by ``LibXML/parse(_:handler:options:)``.
public protocol XMLEventHandler {
    /// An element opened.
    mutating func startElement(_ element: XMLStartElement) throws
    /// An element closed (also called for empty elements `<a/>`).
    mutating func endElement(_ element: XMLEndElement) throws
    /// Character data (text or CDATA, entities already decoded), UTF-8. One text node may
    /// arrive in several pieces.
    mutating func characters(_ text: UnsafeRawBufferPointer)
    /// A comment was seen (its text is not passed on).
    mutating func comment()
}

extension XMLEventHandler {
    /// Comments are ignored unless a handler cares.
    public mutating func comment() {}
}

/// Compares a NUL-terminated UTF-8 name with a literal without allocating.
@inline(__always)
func xmlNameEquals(_ p: UnsafePointer<UInt8>, _ s: StaticString) -> Bool {
    let n = s.utf8CodeUnitCount
    let q = s.utf8Start
    var i = 0
    while i < n {
        if p[i] != q[i] { return false }
        i += 1
    }
    return p[n] == 0
}

/// Interns the names libxml2 hands out. Names come from the parser's dictionary, so one
/// pointer always means the same name within one parse: each is turned into a `String` once.
final class XMLNameTable {
    private var pointers: [UnsafeRawPointer] = []
    private var strings: [String] = []
    private var overflow: [UnsafeRawPointer: String] = [:]

    func name(_ p: UnsafePointer<UInt8>) -> String {
        let raw = UnsafeRawPointer(p)
        for i in pointers.indices where pointers[i] == raw { return strings[i] }
        if let s = overflow[raw] { return s }
        let s = String(cString: p)
        if pointers.count < 32 {
            pointers.append(raw)
            strings.append(s)
        } else {
            overflow[raw] = s
        }
        return s
    }
}

/// An element start tag, valid only during ``XMLEventHandler/startElement(_:)``.
///
/// Names can be compared as bytes (``hasLocalName(_:)``, ``attribute(_:)``) without creating
/// strings; ``localName``, ``namespaceURI`` and ``attributes`` give plain Swift values.
public struct XMLStartElement {
    let localNamePointer: UnsafePointer<UInt8>
    let uriPointer: UnsafePointer<UInt8>?
    /// libxml2's attribute array: 5 pointers per attribute (local name, prefix, URI, value
    /// start, value end); values are not NUL-terminated.
    let attributePointers: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
    unowned(unsafe) let names: XMLNameTable
    /// Number of attributes (namespace declarations excluded).
    public let attributeCount: Int
    /// Physical line (1-based) where the start tag ends.
    public let line: Int
    /// Nesting depth: 1 for the root element.
    public let depth: Int

    /// The element's local name (`node` for `<ns3:node>`).
    public var localName: String { names.name(localNamePointer) }

    /// The namespace URI, or nil for an element in no namespace.
    public var namespaceURI: String? { uriPointer.map { names.name($0) } }

    /// Whether the local name is exactly `name`, compared as bytes.
    @inline(__always)
    public func hasLocalName(_ name: StaticString) -> Bool { xmlNameEquals(localNamePointer, name) }

    /// Whether the element is in no namespace.
    public var isInNoNamespace: Bool { uriPointer == nil }

    /// A number standing for the namespace URI within this parse (0 = no namespace): equal
    /// URIs give equal numbers, so a reader can compare namespaces without strings.
    public var namespaceID: Int { uriPointer.map { Int(bitPattern: $0) } ?? 0 }

    /// Whether the namespace URI is exactly `uri`, compared as bytes.
    @inline(__always)
    public func hasNamespace(_ uri: StaticString) -> Bool {
        guard let p = uriPointer else { return false }
        return xmlNameEquals(p, uri)
    }

    /// Local name of attribute `i` (0 ..< ``attributeCount``).
    public func attributeLocalName(at i: Int) -> String { names.name(attributePointers![5 * i]!) }

    /// Whether attribute `i` has local name `name`, compared as bytes.
    @inline(__always)
    public func attributeHasLocalName(at i: Int, _ name: StaticString) -> Bool {
        xmlNameEquals(attributePointers![5 * i]!, name)
    }

    /// Whether attribute `i` has no namespace prefix.
    public func attributeIsUnprefixed(at i: Int) -> Bool { attributePointers![5 * i + 1] == nil }

    /// Value of attribute `i` (entities decoded).
    @inline(__always)
    public func attributeValue(at i: Int) -> String {
        withAttributeBytes(at: i) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the UTF-8 bytes of attribute `i`'s value (entities decoded).
    ///
    /// Without entity substitution (which we never enable) libxml2 hands a literal `&` in an
    /// attribute value over as `&#38;`; it is decoded here. No other reference can remain,
    /// since documents declaring entities are refused.
    @inline(__always)
    public func withAttributeBytes<R>(at i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let start = attributePointers![5 * i + 3]!
        let end = attributePointers![5 * i + 4]!
        let raw = UnsafeBufferPointer(start: start, count: end - start)
        if memchr(start, 0x26, raw.count) == nil { return try body(raw) }
        return try Self.decodeAmpersands(raw).withUnsafeBufferPointer(body)
    }

    static func decodeAmpersands(_ raw: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var j = 0
        while j < raw.count {
            if raw[j] == 0x26, j + 4 < raw.count, raw[j + 1] == 0x23, raw[j + 2] == 0x33, raw[j + 3] == 0x38,
                raw[j + 4] == 0x3B
            {
                out.append(0x26)
                j += 5
            } else {
                out.append(raw[j])
                j += 1
            }
        }
        return out
    }

    /// The value of the first attribute with local name `name`, or nil.
    public func attribute(_ name: StaticString) -> String? {
        for i in 0..<attributeCount where attributeHasLocalName(at: i, name) { return attributeValue(at: i) }
        return nil
    }

    /// Every attribute as (local name, value), in document order.
    public var attributes: [(localName: String, value: String)] {
        (0..<attributeCount).map { (attributeLocalName(at: $0), attributeValue(at: $0)) }
    }
}

/// An element end tag, valid only during ``XMLEventHandler/endElement(_:)``.
public struct XMLEndElement {
    let localNamePointer: UnsafePointer<UInt8>
    let uriPointer: UnsafePointer<UInt8>?
    unowned(unsafe) let names: XMLNameTable
    /// Depth of the element being closed (1 for the root).
    public let depth: Int

    public var localName: String { names.name(localNamePointer) }
    public var namespaceURI: String? { uriPointer.map { names.name($0) } }

    @inline(__always)
    public func hasLocalName(_ name: StaticString) -> Bool { xmlNameEquals(localNamePointer, name) }
}

/// Parse state shared with the C callbacks (passed as libxml2 user data).
class XMLParseBox {
    // Touched on every event: no dynamic exclusivity checks (the parse is single-threaded
    // and never re-enters these properties).
    @exclusivity(unchecked) var context: xmlParserCtxtPtr?
    @exclusivity(unchecked) var depth = 0
    /// Bytes of character data since the last tag or comment.
    @exclusivity(unchecked) var textRun = 0
    let maxDepth: Int
    let maxWarnings: Int
    let maxTextBytes: Int
    @exclusivity(unchecked) var pendingError: XMLParseError?
    @exclusivity(unchecked) var fatalError: XMLParseError?
    var warnings: [XMLParseWarning] = []
    var droppedWarnings = 0
    /// The document for `.stream` parsing.
    var input: UnsafeRawPointer?
    var inputCount = 0
    var inputOffset = 0
    let names = XMLNameTable()

    init(options: XMLParseOptions) {
        maxDepth = options.maxDepth
        maxWarnings = options.maxWarnings
        maxTextBytes = options.maxTextBytes
    }

    /// Counts `count` more bytes of character data; false (and the parse stopped) past the limit.
    @inline(__always)
    func admitText(_ count: Int) -> Bool {
        textRun += count
        guard textRun > maxTextBytes else { return true }
        stop(
            XMLParseError(
                line: line,
                message:
                    "a text node longer than \(Format.grouped(maxTextBytes)) bytes (one value between two tags); "
                    + "refused (possible resource-exhaustion attack)"))
        return false
    }

    var line: Int {
        guard let c = context, let input = c.pointee.input else { return 0 }
        return Int(input.pointee.line)
    }

    /// Records our own fatal error and halts libxml2.
    func stop(_ error: XMLParseError) {
        if pendingError == nil { pendingError = error }
        if let c = context { xmlStopParser(c) }
    }

    func start(
        _ localname: UnsafePointer<UInt8>, _ uri: UnsafePointer<UInt8>?, _ count: Int,
        _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
    ) {}
    func end(_ localname: UnsafePointer<UInt8>, _ uri: UnsafePointer<UInt8>?) {}
    func text(_ bytes: UnsafeRawBufferPointer) {}
    func comment() {}
}

final class XMLHandlerBox<H: XMLEventHandler>: XMLParseBox {
    /// The handler lives behind a pointer: calls through it skip the dynamic exclusivity
    /// checks a class property would need on every event.
    let handlerPointer: UnsafeMutablePointer<H>

    init(handler: H, options: XMLParseOptions) {
        handlerPointer = UnsafeMutablePointer<H>.allocate(capacity: 1)
        handlerPointer.initialize(to: handler)
        super.init(options: options)
    }

    deinit {
        handlerPointer.deinitialize(count: 1)
        handlerPointer.deallocate()
    }

    var handler: H { handlerPointer.pointee }

    override func start(
        _ localname: UnsafePointer<UInt8>, _ uri: UnsafePointer<UInt8>?, _ count: Int,
        _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
    ) {
        guard pendingError == nil else { return }
        textRun = 0
        depth += 1
        if depth > maxDepth {
            stop(
                XMLParseError(
                    line: line,
                    message:
                        "elements nested more than \(maxDepth) levels deep; refused (possible resource-exhaustion attack)"
                ))
            return
        }
        let element = XMLStartElement(
            localNamePointer: localname, uriPointer: uri, attributePointers: attributes, names: names,
            attributeCount: count, line: line, depth: depth)
        do {
            try handlerPointer.pointee.startElement(element)
        } catch let e as XMLParseError {
            stop(e)
        } catch {
            stop(XMLParseError(line: line, message: "\(error)"))
        }
    }

    override func end(_ localname: UnsafePointer<UInt8>, _ uri: UnsafePointer<UInt8>?) {
        guard pendingError == nil else { return }
        textRun = 0
        let element = XMLEndElement(localNamePointer: localname, uriPointer: uri, names: names, depth: depth)
        depth -= 1
        do {
            try handlerPointer.pointee.endElement(element)
        } catch let e as XMLParseError {
            stop(e)
        } catch {
            stop(XMLParseError(line: line, message: "\(error)"))
        }
    }

    override func text(_ bytes: UnsafeRawBufferPointer) {
        guard pendingError == nil, admitText(bytes.count) else { return }
        handlerPointer.pointee.characters(bytes)
    }

    override func comment() {
        guard pendingError == nil else { return }
        textRun = 0
        handlerPointer.pointee.comment()
    }
}

/// Calls `body` with the parse state without retaining it (the parse keeps it alive).
@inline(__always)
private func withBox(_ ctx: UnsafeMutableRawPointer?, _ body: (XMLParseBox) -> Void) {
    Unmanaged<XMLParseBox>.fromOpaque(ctx!)._withUnsafeGuaranteedRef(body)
}

@inline(__always)
private func box(_ ctx: UnsafeMutableRawPointer?) -> XMLParseBox {
    Unmanaged<XMLParseBox>.fromOpaque(ctx!).takeUnretainedValue()
}

private let libxmlInitialised: Bool = {
    xmlInitParser()
    return true
}()

/// How a document's bytes are handed to libxml2. Measured on the 98 MB GraphML benchmark
/// (CPU time of a bare parse): `stream` ~365 ms, `copiedMemory` ~400 ms, `push` ~450 ms.
enum XMLFeedMode: Sendable {
    /// The pull parser reading 4 KB at a time through a callback: no copy of the file, any
    /// size. The default.
    case stream
    /// `xmlCreateMemoryParserCtxt` (libxml2 copies the file first; below 2 GB only). (An
    /// in-place static buffer was tried: libxml2 refuses it above 10 MB without
    /// `XML_PARSE_HUGE` and misreads it after shrinking.)
    case copiedMemory
    /// The chunked push parser (any size).
    case push
}

/// Streaming XML parsing with libxml2's SAX2 interface, hardened for untrusted files.
///
/// - No network (`XML_PARSE_NONET`), no external DTD loading, no DTD default attributes, no
///   entity substitution; a document whose DOCTYPE declares any entity is refused outright
///   (this stops "billion laughs" and external-entity (XXE) files before any expansion).
/// - Nesting is bounded (``XMLParseOptions/maxDepth``); `XML_PARSE_HUGE` is never used, so
///   libxml2's own limits on names, text nodes and dictionary size stay on.
///
/// SAX2 was chosen over `xmlTextReader` because it is faster here (124 vs 84 MB/s, see
/// SWIFT-NOTES) and lets us compare names as bytes with no per-event allocation; the pull
/// parser fed through a read callback was the fastest way to give it the bytes.
public enum LibXML {
    /// Parses a whole document held in memory, streaming events to `handler`.
    ///
    /// ```swift
    /// var counter = ElementCounter()
    /// let outcome = try LibXML.parse(data, handler: counter)
    /// print(outcome.handler.count)
    /// ```
    /// - Parameters:
    ///   - data: the file's bytes (any encoding libxml2 detects; UTF-8 is passed on).
    ///   - handler: receives the events; returned in the outcome after the parse.
    ///   - options: limits.
    /// - Returns: the handler and libxml2's non-fatal diagnostics.
    /// - Throws: ``XMLParseError`` with a line when the document is not well-formed, is
    ///   truncated, declares entities, nests too deep, or the handler throws.
    /// - Complexity: O(n) time in the size of `data`, constant memory besides the handler.
    public static func parse<H: XMLEventHandler>(
        _ data: Data, handler: H, options: XMLParseOptions = XMLParseOptions()
    ) throws -> XMLParseOutcome<H> {
        try parse(data, handler: handler, options: options, feed: .stream)
    }

    /// `feed` selects how bytes reach libxml2 (tests and benchmarks cover every path).
    static func parse<H: XMLEventHandler>(
        _ data: Data, handler: H, options: XMLParseOptions, feed: XMLFeedMode
    ) throws -> XMLParseOutcome<H> {
        _ = libxmlInitialised
        guard !data.isEmpty else { throw XMLParseError(line: 0, message: "the file is empty") }
        let box = XMLHandlerBox(handler: handler, options: options)
        var sax = makeHandler()
        let user = Unmanaged.passUnretained(box as XMLParseBox).toOpaque()
        try withExtendedLifetime(box) {
            try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
                let base = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
                let total = raw.count
                let ctxt: xmlParserCtxtPtr
                let mode: XMLFeedMode = total >= Int(Int32.max) && feed == .copiedMemory ? .stream : feed
                switch mode {
                case .copiedMemory:
                    guard let c = xmlCreateMemoryParserCtxt(base, Int32(total)) else {
                        throw XMLParseError(line: 0, message: "libxml2 could not create a parser")
                    }
                    ctxt = c
                    if let old = c.pointee.sax { old.pointee = sax }
                    c.pointee.userData = user
                case .stream:
                    // libxml2 pulls 4 KB at a time through a read callback: no copy of the file.
                    box.input = UnsafeRawPointer(base)
                    box.inputCount = total
                    box.inputOffset = 0
                    let read: xmlInputReadCallback = { ctx, buffer, len in
                        guard let ctx, let buffer, len > 0 else { return 0 }
                        let b = Unmanaged<XMLParseBox>.fromOpaque(ctx).takeUnretainedValue()
                        let n = min(Int(len), b.inputCount - b.inputOffset)
                        if n > 0 {
                            UnsafeMutableRawPointer(buffer).copyMemory(from: b.input! + b.inputOffset, byteCount: n)
                            b.inputOffset += n
                        }
                        return Int32(n)
                    }
                    guard let c = xmlCreateIOParserCtxt(&sax, user, read, nil, user, XML_CHAR_ENCODING_NONE) else {
                        throw XMLParseError(line: 0, message: "libxml2 could not create a parser")
                    }
                    ctxt = c
                case .push:
                    // The push parser takes the document in chunks, so there is no 2 GB limit.
                    guard let c = xmlCreatePushParserCtxt(&sax, user, base, Int32(min(total, 4)), nil) else {
                        throw XMLParseError(line: 0, message: "libxml2 could not create a parser")
                    }
                    ctxt = c
                }
                defer { xmlFreeParserCtxt(ctxt) }
                box.context = ctxt
                _ = xmlCtxtUseOptions(ctxt, Int32(XML_PARSE_NONET.rawValue))
                if mode != .push {
                    _ = xmlParseDocument(ctxt)
                } else {
                    var offset = min(total, 4)
                    let chunk = 1 << 22
                    while offset < total && box.pendingError == nil && box.fatalError == nil {
                        let n = min(chunk, total - offset)
                        _ = xmlParseChunk(ctxt, base + offset, Int32(n), offset + n == total ? 1 : 0)
                        offset += n
                    }
                    if total <= 4 && box.pendingError == nil && box.fatalError == nil {
                        _ = xmlParseChunk(ctxt, nil, 0, 1)
                    }
                }
                if let e = box.pendingError { throw e }
                if let e = box.fatalError { throw e }
                if ctxt.pointee.wellFormed == 0 {
                    throw XMLParseError(line: box.line, message: "the document is not well-formed XML")
                }
                if box.depth != 0 {
                    throw XMLParseError(
                        line: box.line, message: "the document ends before its elements are closed (truncated?)")
                }
            }
        }
        var warnings = box.warnings
        if box.droppedWarnings > 0 {
            warnings.append(XMLParseWarning(line: 0, message: "\(box.droppedWarnings) more XML diagnostics not shown"))
        }
        return XMLParseOutcome(handler: box.handler, warnings: warnings)
    }

    private static func makeHandler() -> xmlSAXHandler {
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(truncatingIfNeeded: XML_SAX2_MAGIC)
        sax.startElementNs = { ctx, localname, _, uri, _, _, nbAttributes, _, attributes in
            withBox(ctx) { $0.start(localname!, uri, Int(nbAttributes), attributes) }
        }
        sax.endElementNs = { ctx, localname, _, uri in
            withBox(ctx) { $0.end(localname!, uri) }
        }
        sax.characters = { ctx, ch, len in
            guard let ch, len > 0 else { return }
            withBox(ctx) { $0.text(UnsafeRawBufferPointer(start: ch, count: Int(len))) }
        }
        sax.cdataBlock = sax.characters
        sax.comment = { ctx, _ in box(ctx).comment() }
        sax.entityDecl = { ctx, name, _, _, systemId, _ in
            let b = box(ctx)
            let n = name.map { String(cString: $0) } ?? "?"
            let external = systemId.map { " (external, SYSTEM \"\(String(cString: $0))\")" } ?? ""
            b.stop(
                XMLParseError(
                    line: b.line,
                    message:
                        "the document type declaration declares entities (entity \(ErrorText.excerpt(n))\(external)); refused (possible entity-expansion attack)"
                ))
        }
        sax.unparsedEntityDecl = { ctx, name, _, _, _ in
            let b = box(ctx)
            let n = name.map { String(cString: $0) } ?? "?"
            b.stop(
                XMLParseError(
                    line: b.line,
                    message:
                        "the document type declaration declares entities (unparsed entity \(ErrorText.excerpt(n))); refused (possible entity-expansion attack)"
                ))
        }
        sax.serror = { ctx, error in
            guard let ctx, let error else { return }
            let b = box(ctx)
            let e = error.pointee
            var message = e.message.map { String(cString: $0) } ?? "XML error \(e.code)"
            while message.last?.isWhitespace == true { message.removeLast() }
            let line = e.line > 0 ? Int(e.line) : b.line
            if e.level == XML_ERR_FATAL {
                if b.fatalError == nil { b.fatalError = XMLParseError(line: line, message: message) }
            } else if b.warnings.count < b.maxWarnings {
                b.warnings.append(XMLParseWarning(line: line, message: message))
            } else {
                b.droppedWarnings += 1
            }
        }
        return sax
    }
}
