/// libxml2 behind a small event interface: the only module that imports it (loaded when first
/// needed, see `unavailable()`). HTML pages go
/// through its forgiving HTML parser (`HTML_PARSE_RECOVER`), Word's XML through its XML parser;
/// both as SAX events (no tree), so a document costs one pass and little memory. The parser
/// tells the byte offset in the input where it stands, so that readers can say where a cell
/// is in the source.
internal import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a reader does with the events of one document. Names are as the parser gives them:
/// lower case for HTML (`td`), qualified for XML (`w:tc`). An element comes as its index in
/// the handler's `vocabulary` (-1 for any other name): the parser maps each name it meets
/// once per parse, so an event costs no String and no string comparison.
public protocol MarkupHandler: AnyObject {
    /// The element names the handler tells apart.
    var vocabulary: [String] { get }
    func startElement(_ name: Int, attributes: MarkupAttributes, parser: MarkupParser)
    func endElement(_ name: Int, parser: MarkupParser)
    /// A run of text, UTF-8 with entities decoded (`&nbsp;` is U+00A0). Script and style
    /// contents never come here. `parser.offset` is then just after the run in the input.
    func characters(_ text: UnsafeBufferPointer<UInt8>, parser: MarkupParser)
}

/// An element's attributes, looked up by name only when a reader asks.
public struct MarkupAttributes {
    let pairs: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

    /// The value of the attribute `name` (compared without case), or nil.
    public func value(_ name: String) -> String? {
        guard var p = pairs else { return nil }
        while let key = p.pointee {
            let value = (p + 1).pointee
            if String(cString: key).lowercased() == name { return value.map { String(cString: $0) } ?? "" }
            p += 2
        }
        return nil
    }
}

/// One parse in progress. A handler may `stop()` it (a limit reached); the parse then ends
/// with the handler's own error.
public final class MarkupParser {
    /// Held unowned: the parse runs inside the caller's call, which holds the handler (a
    /// strong reference cost a retain and release per event).
    private unowned(unsafe) let handler: MarkupHandler
    fileprivate var context: UnsafeMutablePointer<xmlParserCtxt>?
    /// Set when the input declares a DTD or an entity: refused in Word's XML (no entity
    /// expansion, no billion laughs).
    public private(set) var declaredDoctype = false

    /// Element names met in this parse → their index in the handler's vocabulary, in an
    /// open-addressed table keyed by the name's pointer: libxml2 gives names from its
    /// per-parse dictionary, so a name is the same pointer each time. A hit is checked against
    /// a copy of the name all the same (`strcmp`). A document uses a few dozen names; once the
    /// table is three-quarters full, a new name is mapped each time it comes. (The table used
    /// to keep one name a slot: names that shared a slot pushed each other out, and a sixth of
    /// a Word document's events mapped their name again.) Raw memory: an array behind a class
    /// property cost an exclusivity check per event.
    private let slots: UnsafeMutablePointer<Slot>
    private var used = 0
    private struct Slot { var key: UnsafeRawPointer?; var copy: UnsafeMutablePointer<CChar>?; var id = -1 }
    private static let slotCount = 1024
    private let vocabulary: [String: Int]

    private init(handler: MarkupHandler) {
        self.handler = handler
        var v: [String: Int] = [:]
        for (i, n) in handler.vocabulary.enumerated() where v[n] == nil { v[n] = i }
        vocabulary = v
        slots = .allocate(capacity: Self.slotCount)
        slots.initialize(repeating: Slot(), count: Self.slotCount)
    }

    deinit {
        for i in 0..<Self.slotCount { free(slots[i].copy) }
        slots.deallocate()
    }

    fileprivate func id(_ name: UnsafePointer<xmlChar>) -> Int {
        let key = UnsafeRawPointer(name)
        let bits = UInt(bitPattern: key)
        let text = UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self)
        // Dictionary entries are 8-byte aligned: the low bits say nothing (no Hasher: it was
        // most of the lookup's cost).
        var i = Int(truncatingIfNeeded: (bits >> 3) ^ (bits >> 13)) & (Self.slotCount - 1)
        while let k = slots[i].key {
            if k == key, let c = slots[i].copy, strcmp(c, text) == 0 { return slots[i].id }
            i = (i + 1) & (Self.slotCount - 1)
        }
        let id = vocabulary[String(cString: name)] ?? -1
        if used < Self.slotCount * 3 / 4 {
            slots[i] = Slot(key: key, copy: strdup(text), id: id)
            used += 1
        }
        return id
    }

    /// Why libxml2 cannot be used here (not installed, or lacking a function), or nil once it is
    /// loaded: it is loaded (dlopen) on the first call, so a run that reads no markup never maps
    /// it. A reader checks this before it parses.
    public static func unavailable() -> String? { govq_xml_load().map { String(cString: $0) } }

    /// Ends the parse at the next event.
    public func stop() { if let c = context { govq_xmlStopParser(c) } }

    /// Parses an HTML page given as UTF-8 (decoded by the caller: the page's own `<meta>`
    /// charset is ignored, it has been honoured already).
    public static func parseHTML(_ bytes: UnsafeRawBufferPointer, handler: MarkupHandler) {
        guard let base = bytes.baseAddress, bytes.count > 0, bytes.count < Int(Int32.max), unavailable() == nil else { return }
        let parser = MarkupParser(handler: handler)
        guard let ctxt = govq_htmlCreateMemoryParserCtxt(base.assumingMemoryBound(to: CChar.self), Int32(bytes.count)) else { return }
        parser.run(ctxt, html: true)
    }

    /// Parses an XML document (Word's `document.xml`). Without network, entity substitution
    /// or a DTD.
    public static func parseXML(_ bytes: UnsafeRawBufferPointer, handler: MarkupHandler) -> MarkupParser {
        let parser = MarkupParser(handler: handler)
        guard let base = bytes.baseAddress, bytes.count > 0, bytes.count < Int(Int32.max), unavailable() == nil,
              let ctxt = govq_xmlCreateMemoryParserCtxt(base.assumingMemoryBound(to: CChar.self), Int32(bytes.count)) else { return parser }
        parser.run(ctxt, html: false)
        return parser
    }

    private func run(_ ctxt: UnsafeMutablePointer<xmlParserCtxt>, html: Bool) {
        context = ctxt
        defer {
            if html { govq_htmlFreeParserCtxt(ctxt) } else { govq_xmlFreeParserCtxt(ctxt) }
            context = nil
        }
        // A SAX1 handler of our own: no tree is built. libxml2 owns and frees `ctxt.sax`; its
        // contents are replaced, not the pointer.
        var sax = xmlSAXHandler()
        sax.startElement = { ctx, name, atts in
            guard let ctx, let name else { return }
            MarkupParser.with(ctx) { p in p.handler.startElement(p.id(name), attributes: MarkupAttributes(pairs: atts), parser: p) }
        }
        sax.endElement = { ctx, name in
            guard let ctx, let name else { return }
            MarkupParser.with(ctx) { p in p.handler.endElement(p.id(name), parser: p) }
        }
        sax.characters = { ctx, text, n in
            guard let ctx, let text, n > 0 else { return }
            MarkupParser.with(ctx) { p in p.handler.characters(UnsafeBufferPointer(start: text, count: Int(n)), parser: p) }
        }
        // Script and style arrive as CDATA blocks: dropped here.
        sax.cdataBlock = { _, _, _ in }
        sax.internalSubset = { ctx, _, _, _ in
            guard let ctx else { return }
            let p = MarkupParser.from(ctx)
            if !(p.context.map { $0.pointee.html != 0 } ?? true) { p.declaredDoctype = true; p.stop() }
        }
        ctxt.pointee.sax.pointee = sax
        ctxt.pointee.userData = Unmanaged.passUnretained(self).toOpaque()
        if html {
            let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                                | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue | HTML_PARSE_NOIMPLIED.rawValue)
            _ = govq_htmlCtxtUseOptions(ctxt, options)
            // The input is UTF-8 whatever the page says.
            _ = govq_xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8)
            _ = withExtendedLifetime(self) { govq_htmlParseDocument(ctxt) }
        } else {
            let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
                                | XML_PARSE_NOCDATA.rawValue)
            _ = govq_xmlCtxtUseOptions(ctxt, options)
            _ = withExtendedLifetime(self) { govq_xmlParseDocument(ctxt) }
            wellFormed = ctxt.pointee.wellFormed != 0
        }
    }

    /// For XML: whether the document parsed to its end without an error.
    public private(set) var wellFormed = true

    /// The byte offset in the input where the parser stands.
    public var offset: Int { context.map { Int(govq_xmlByteConsumed($0)) } ?? 0 }

    private static func from(_ ctx: UnsafeMutableRawPointer) -> MarkupParser {
        Unmanaged<MarkupParser>.fromOpaque(ctx).takeUnretainedValue()
    }

    /// The parser of an event, borrowed without a retain (it outlives the parse it runs).
    @inline(__always) private static func with(_ ctx: UnsafeMutableRawPointer, _ body: (MarkupParser) -> Void) {
        Unmanaged<MarkupParser>.fromOpaque(ctx)._withUnsafeGuaranteedRef(body)
    }
}
