// See GovqPoppler.h: every function is resolved from libpoppler-glib (and the GLib it loads)
// on the first call of govq_poppler_load, which GovqPDF makes before any other.
#include "GovqPoppler.h"
#include <dlfcn.h>
#include <pthread.h>

static struct {
    void *(*g_bytes_new)(const void *, size_t);
    void (*g_bytes_unref)(void *);
    void (*g_error_free)(GovqGError *);
    void (*g_object_unref)(void *);
    void (*g_free)(void *);
    uint32_t (*poppler_error_quark)(void);
    void *(*poppler_document_new_from_bytes)(void *, const char *, GovqGError **);
    int (*poppler_document_get_n_pages)(void *);
    void *(*poppler_document_get_page)(void *, int);
    void (*poppler_page_get_size)(void *, double *, double *);
    char *(*poppler_page_get_text)(void *);
    int (*poppler_page_get_text_layout)(void *, GovqPopplerRectangle **, unsigned *);
} fn;
static const char *failure = "not loaded";
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    void *lib = dlopen("libpoppler-glib.so.8", RTLD_NOW | RTLD_LOCAL);
    if (!lib) lib = dlopen("libpoppler-glib.so", RTLD_NOW | RTLD_LOCAL);
    if (!lib) { failure = dlerror(); return; }
#define RESOLVE(name) if (!(*(void **)&fn.name = dlsym(lib, #name))) { failure = "libpoppler-glib lacks " #name; return; }
    RESOLVE(g_bytes_new) RESOLVE(g_bytes_unref) RESOLVE(g_error_free) RESOLVE(g_object_unref) RESOLVE(g_free)
    RESOLVE(poppler_error_quark) RESOLVE(poppler_document_new_from_bytes) RESOLVE(poppler_document_get_n_pages)
    RESOLVE(poppler_document_get_page) RESOLVE(poppler_page_get_size) RESOLVE(poppler_page_get_text)
    RESOLVE(poppler_page_get_text_layout)
#undef RESOLVE
    failure = NULL;
}

const char *govq_poppler_load(void) {
    pthread_once(&once, load);
    return failure;
}

void *govq_g_bytes_new(const void *data, size_t size) { return fn.g_bytes_new(data, size); }
void govq_g_bytes_unref(void *bytes) { fn.g_bytes_unref(bytes); }
void govq_g_error_free(GovqGError *error) { fn.g_error_free(error); }
void govq_g_object_unref(void *object) { fn.g_object_unref(object); }
void govq_g_free(void *memory) { fn.g_free(memory); }
uint32_t govq_poppler_error_quark(void) { return fn.poppler_error_quark(); }
void *govq_poppler_document_new_from_bytes(void *bytes, const char *password, GovqGError **error) {
    return fn.poppler_document_new_from_bytes(bytes, password, error);
}
int govq_poppler_document_get_n_pages(void *document) { return fn.poppler_document_get_n_pages(document); }
void *govq_poppler_document_get_page(void *document, int index) { return fn.poppler_document_get_page(document, index); }
void govq_poppler_page_get_size(void *page, double *width, double *height) { fn.poppler_page_get_size(page, width, height); }
char *govq_poppler_page_get_text(void *page) { return fn.poppler_page_get_text(page); }
int govq_poppler_page_get_text_layout(void *page, GovqPopplerRectangle **rectangles, unsigned *count) {
    return fn.poppler_page_get_text_layout(page, rectangles, count);
}
