import Foundation
import WarmPathSupport
import WarmPathModel

/// xCard (RFC 6351): `<vcards><vcard><fn><text>…</text></fn><n><surname/>…</n>…`, read with the
/// streaming libxml2 reader (no DTDs, no entities). Namespace-agnostic: elements match by
/// local name. Parameters (`<parameters>`) are skipped.
public enum XCardReader {
    public static func cards(_ data: Data, file: String, source: String) throws -> (
        cards: [ContactCard], issues: [ImportIssue]
    ) {
        var handler = Handler()
        let outcome = try LibXML.parse(data, handler: handler)
        handler = outcome.handler
        let issues = outcome.warnings.map {
            ImportIssue(source: source, file: file, line: $0.line, severity: .warning, message: $0.message)
        }
        return (handler.cards, issues)
    }

    struct Handler: XMLEventHandler {
        var cards: [ContactCard] = []
        var current: ContactCard?
        /// Local names from the `vcard` element down.
        var stack: [String] = []
        var text = ""
        var inParameters = 0

        mutating func startElement(_ element: XMLStartElement) throws {
            let name = element.localName.lowercased()
            if name == "vcard" {
                current = ContactCard()
                current!.line = element.line
                stack = []
                return
            }
            guard current != nil else { return }
            if name == "parameters" { inParameters += 1 }
            stack.append(name)
            text = ""
        }

        mutating func endElement(_ element: XMLEndElement) throws {
            let name = element.localName.lowercased()
            if name == "vcard" {
                if let c = current { cards.append(c) }
                current = nil
                return
            }
            guard current != nil, !stack.isEmpty else { return }
            defer {
                stack.removeLast()
                if name == "parameters" { inParameters -= 1 }
            }
            guard inParameters == 0, stack.count >= 2 else { return }
            let property = stack[0]
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            text = ""
            guard !value.isEmpty else { return }
            switch (property, stack.count == 2 ? stack[1] : "") {
            case ("fn", _): current!.displayName = value
            case ("n", "surname"):
                current!.lastName = current!.lastName.isEmpty ? value : current!.lastName + " " + value
            case ("n", "given"):
                current!.firstName = current!.firstName.isEmpty ? value : current!.firstName + " " + value
            case ("org", _) where current!.organization.isEmpty: current!.organization = value
            case ("title", _): current!.title = value
            case ("email", _): current!.emails.append(value)
            case ("tel", _):
                var t = value
                if t.lowercased().hasPrefix("tel:") { t.removeFirst(4) }
                if let semi = t.firstIndex(of: ";") { t = String(t[..<semi]) }
                current!.phones.append(t)
            case ("url", _): current!.urls.append(value)
            case ("categories", _): current!.categories.append(value)
            default: break
            }
        }

        mutating func characters(_ bytes: UnsafeRawBufferPointer) {
            guard current != nil, inParameters == 0 else { return }
            text += String(decoding: bytes, as: UTF8.self)
        }
    }
}
