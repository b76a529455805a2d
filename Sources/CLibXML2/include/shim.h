// libxml2's HTML parser (SAX, no tree) and its XML reader, for GovqXML only. The types and
// constants are libxml2's own headers'; the functions are called through govq_ wrappers that
// resolve them from libxml2.so.2 (dlopen) on the first HTML or DOCX file: linked directly,
// libxml2 and what it pulls in (ICU's libicuuc and libicudata, libstdc++, liblzma) were mapped and
// relocated at every start of govq, a query run too, which never reads markup.
//
// Debian builds libxml2 with ICU, so <libxml/encoding.h> would include the system's
// <unicode/ucnv.h>; Foundation carries its own ICU, and a module that sees both fails to build
// ("'UErrorCode' has different definitions in different modules"). govq never touches the ICU
// fields of libxml2's encoding handlers (it only passes XML_CHAR_ENCODING_UTF8), so the ICU
// part is left out: xmlversion.h is read first, and its include guard keeps the #undef.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlerror.h>
#include <libxml/parserInternals.h>
#include <libxml/encoding.h>

/// Whether the `n` bytes at `p` hold no control but tab, line feed and carriage return, and no
/// U+FFFE or U+FFFF (GovqPlainBytes.c: no libxml2 needed).
int govq_plain_characters(const unsigned char *p, size_t n);
/// The same by the SSE2 path only (what the AVX2 path is tested against).
int govq_plain_characters_sse2(const unsigned char *p, size_t n);

/// NULL once libxml2 is loaded and every function below resolved, else why it cannot be used.
const char *govq_xml_load(void);

htmlParserCtxtPtr govq_htmlCreateMemoryParserCtxt(const char *buffer, int size);
int govq_htmlCtxtUseOptions(htmlParserCtxtPtr ctxt, int options);
int govq_htmlParseDocument(htmlParserCtxtPtr ctxt);
void govq_htmlFreeParserCtxt(htmlParserCtxtPtr ctxt);
xmlParserCtxtPtr govq_xmlCreateMemoryParserCtxt(const char *buffer, int size);
int govq_xmlCtxtUseOptions(xmlParserCtxtPtr ctxt, int options);
int govq_xmlParseDocument(xmlParserCtxtPtr ctxt);
void govq_xmlFreeParserCtxt(xmlParserCtxtPtr ctxt);
int govq_xmlSwitchEncoding(xmlParserCtxtPtr ctxt, xmlCharEncoding encoding);
void govq_xmlStopParser(xmlParserCtxtPtr ctxt);
long govq_xmlByteConsumed(xmlParserCtxtPtr ctxt);
