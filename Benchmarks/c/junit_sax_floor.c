/* Benchmarks/c/junit_sax_floor.c FILE: the floor for reading a JUnit report with libxml2 as
 * `seedbed ingest` does (SAX2 push parser, 256 KiB chunks, XML_PARSE_NONET | XML_PARSE_BIG_LINES)
 * with callbacks that only count: what the parse alone costs. Prints the elements and the
 * characters of text seen, and whether the file was well-formed. */
#include <libxml/parser.h>
#include <stdio.h>
#include <string.h>

static long elements, characters;

static void start(void *context, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri, int namespaces,
                  const xmlChar **declared, int attributes, int defaulted, const xmlChar **values) {
    elements++;
}

static void text(void *context, const xmlChar *bytes, int count) { characters += count; }

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE\n", argv[0]);
        return 2;
    }
    FILE *file = fopen(argv[1], "rb");
    if (!file) {
        perror(argv[1]);
        return 2;
    }
    xmlSAXHandler handler;
    memset(&handler, 0, sizeof handler);
    handler.initialized = XML_SAX2_MAGIC;
    handler.startElementNs = start;
    handler.characters = text;
    handler.cdataBlock = text;
    static char buffer[256 << 10];
    size_t count = fread(buffer, 1, 4, file);
    xmlParserCtxtPtr context = xmlCreatePushParserCtxt(&handler, NULL, buffer, (int)count, argv[1]);
    xmlCtxtUseOptions(context, XML_PARSE_NONET | XML_PARSE_BIG_LINES);
    while ((count = fread(buffer, 1, sizeof buffer, file)) > 0) xmlParseChunk(context, buffer, (int)count, 0);
    xmlParseChunk(context, NULL, 0, 1);
    printf("%ld elements, %ld characters of text, well-formed: %s\n", elements, characters,
           context->wellFormed ? "yes" : "no");
    int status = context->wellFormed ? 0 : 1;
    xmlFreeParserCtxt(context);
    fclose(file);
    return status;
}
