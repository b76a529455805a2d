// libxml2's HTML parser (SAX, no tree) and its XML reader, for GovqXML only.
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
