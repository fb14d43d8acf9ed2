#ifndef WARMPATH_CLIBXML2_SHIM_H
#define WARMPATH_CLIBXML2_SHIM_H

// Debian's libxml2 is built with ICU; its headers would pull in the system unicode/*.h, which
// clashes with Foundation's bundled ICU module in debug builds. Undefining the flag only removes
// two pointer fields from a struct Swift never touches.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>

/// `xmlFree` is a global function pointer; Swift 6 refuses to call it directly.
static inline void warmpath_xmlFree(void *p) {
    if (p) xmlFree(p);
}

#endif
