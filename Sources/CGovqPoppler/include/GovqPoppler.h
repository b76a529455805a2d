// poppler-glib loaded when the first PDF is read, not when govq starts: linked directly, it
// and the ~45 libraries it pulls in (cairo, X11, NSS, fontconfig, …) were most of the dynamic
// loader's work on every start (a query on a snapshot never reads a PDF). Only what GovqPDF
// calls is here, with poppler's and GLib's types mirrored (the layouts are their public ABI).
#ifndef GOVQ_POPPLER_H
#define GOVQ_POPPLER_H
#include <stddef.h>
#include <stdint.h>

typedef struct GovqGError { uint32_t domain; int code; char *message; } GovqGError;
typedef struct GovqPopplerRectangle { double x1, y1, x2, y2; } GovqPopplerRectangle;
/// PopplerError's POPPLER_ERROR_ENCRYPTED.
enum { GOVQ_POPPLER_ERROR_ENCRYPTED = 1 };

/// Loads libpoppler-glib once; NULL when it is there, else why not (dlerror's text).
const char *govq_poppler_load(void);

void *govq_g_bytes_new(const void *data, size_t size);
void govq_g_bytes_unref(void *bytes);
void govq_g_error_free(GovqGError *error);
void govq_g_object_unref(void *object);
void govq_g_free(void *memory);
uint32_t govq_poppler_error_quark(void);
void *govq_poppler_document_new_from_bytes(void *bytes, const char *password, GovqGError **error);
int govq_poppler_document_get_n_pages(void *document);
void *govq_poppler_document_get_page(void *document, int index);
void govq_poppler_page_get_size(void *page, double *width, double *height);
char *govq_poppler_page_get_text(void *page);
int govq_poppler_page_get_text_layout(void *page, GovqPopplerRectangle **rectangles, unsigned *count);

#endif
