#include <libxml/xmlversion.h>
// Debian's libxml2 is built with ICU, so encoding.h would include <unicode/ucnv.h> for two
// members of a converter struct Seedbed never touches. That ICU clashes with the one Foundation
// bundles (_FoundationICU) wherever both reach one Swift module, as they do in SeedbedFeedback
// through SeedbedCatalog; without the ICU part the headers declare everything else the same.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>

// libxml2's own nesting ceiling without XML_PARSE_HUGE. Its tree builder enforces it; a SAX
// parse builds no tree, so Seedbed enforces it itself, reading the value here (a C global is
// not safe to touch from Swift 6 code directly).
static inline unsigned int clibxml2_max_depth(void) { return xmlParserMaxDepth; }
