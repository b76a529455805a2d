// See shim.h: libxml2's functions, resolved from libxml2.so.2 on the first govq_xml_load, which
// GovqXML makes before any other call (the readers call it before they parse).
#include "shim.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

static struct {
    __typeof__(htmlCreateMemoryParserCtxt) *htmlCreateMemoryParserCtxt;
    __typeof__(htmlCtxtUseOptions) *htmlCtxtUseOptions;
    __typeof__(htmlParseDocument) *htmlParseDocument;
    __typeof__(htmlFreeParserCtxt) *htmlFreeParserCtxt;
    __typeof__(xmlCreateMemoryParserCtxt) *xmlCreateMemoryParserCtxt;
    __typeof__(xmlCtxtUseOptions) *xmlCtxtUseOptions;
    __typeof__(xmlParseDocument) *xmlParseDocument;
    __typeof__(xmlFreeParserCtxt) *xmlFreeParserCtxt;
    __typeof__(xmlSwitchEncoding) *xmlSwitchEncoding;
    __typeof__(xmlStopParser) *xmlStopParser;
    __typeof__(xmlByteConsumed) *xmlByteConsumed;
} fn;
static const char *failure = "not loaded";
static char missing[96];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    void *lib = dlopen("libxml2.so.2", RTLD_NOW | RTLD_LOCAL);
    if (!lib) lib = dlopen("libxml2.so", RTLD_NOW | RTLD_LOCAL);
    if (!lib) { failure = dlerror(); return; }
#define RESOLVE(name) if (!(*(void **)&fn.name = dlsym(lib, #name))) { \
        snprintf(missing, sizeof missing, "libxml2 lacks %s", #name); failure = missing; return; }
    RESOLVE(htmlCreateMemoryParserCtxt) RESOLVE(htmlCtxtUseOptions) RESOLVE(htmlParseDocument) RESOLVE(htmlFreeParserCtxt)
    RESOLVE(xmlCreateMemoryParserCtxt) RESOLVE(xmlCtxtUseOptions) RESOLVE(xmlParseDocument) RESOLVE(xmlFreeParserCtxt)
    RESOLVE(xmlSwitchEncoding) RESOLVE(xmlStopParser) RESOLVE(xmlByteConsumed)
#undef RESOLVE
    failure = NULL;
}

const char *govq_xml_load(void) {
    pthread_once(&once, load);
    return failure;
}

htmlParserCtxtPtr govq_htmlCreateMemoryParserCtxt(const char *buffer, int size) { return fn.htmlCreateMemoryParserCtxt(buffer, size); }
int govq_htmlCtxtUseOptions(htmlParserCtxtPtr ctxt, int options) { return fn.htmlCtxtUseOptions(ctxt, options); }
int govq_htmlParseDocument(htmlParserCtxtPtr ctxt) { return fn.htmlParseDocument(ctxt); }
void govq_htmlFreeParserCtxt(htmlParserCtxtPtr ctxt) { fn.htmlFreeParserCtxt(ctxt); }
xmlParserCtxtPtr govq_xmlCreateMemoryParserCtxt(const char *buffer, int size) { return fn.xmlCreateMemoryParserCtxt(buffer, size); }
int govq_xmlCtxtUseOptions(xmlParserCtxtPtr ctxt, int options) { return fn.xmlCtxtUseOptions(ctxt, options); }
int govq_xmlParseDocument(xmlParserCtxtPtr ctxt) { return fn.xmlParseDocument(ctxt); }
void govq_xmlFreeParserCtxt(xmlParserCtxtPtr ctxt) { fn.xmlFreeParserCtxt(ctxt); }
int govq_xmlSwitchEncoding(xmlParserCtxtPtr ctxt, xmlCharEncoding encoding) { return fn.xmlSwitchEncoding(ctxt, encoding); }
void govq_xmlStopParser(xmlParserCtxtPtr ctxt) { fn.xmlStopParser(ctxt); }
long govq_xmlByteConsumed(xmlParserCtxtPtr ctxt) { return fn.xmlByteConsumed(ctxt); }
