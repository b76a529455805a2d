// poppler-glib: a PDF's pages, their text and every character's box, for GovqPDF only.
#include <poppler.h>
#include <glib.h>
#include <glib-object.h>
