// libxml2's HTML parser (SAX, no tree) and its XML reader, for GovqXML only.
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlerror.h>
#include <libxml/parserInternals.h>
#include <libxml/encoding.h>
