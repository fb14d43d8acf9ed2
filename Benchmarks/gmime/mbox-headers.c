/* The GMime peer of warmpath's mbox scanner (Benchmarks/mail.sh): reads every message of an mbox
 * with GMime 3's parser in mbox mode and takes the header fields warmpath reads (From, To, Cc,
 * Date, Message-ID, In-Reply-To, References, List-Id, List-Unsubscribe, Precedence,
 * Auto-Submitted), addresses parsed and decoded by GMime. Prints the message and address counts.
 *
 *   cc -O2 -o mbox-headers mbox-headers.c $(pkg-config --cflags --libs gmime-3.0)
 *   ./mbox-headers big.mbox
 */
#include <fcntl.h>
#include <gmime/gmime.h>
#include <stdio.h>

static long count_addresses(InternetAddressList *list) {
    return list ? internet_address_list_length(list) : 0;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: mbox-headers FILE.mbox\n");
        return 64;
    }
    g_mime_init();
    int fd = open(argv[1], O_RDONLY);
    if (fd < 0) {
        perror(argv[1]);
        return 1;
    }
    GMimeStream *stream = g_mime_stream_fs_new(fd);
    GMimeParser *parser = g_mime_parser_new_with_stream(stream);
    g_mime_parser_set_format(parser, GMIME_FORMAT_MBOX);
    long messages = 0, addresses = 0, dated = 0, lists = 0;
    const char *names[] = {"Message-ID", "In-Reply-To", "References", "List-Id", "List-Unsubscribe",
                           "Precedence", "Auto-Submitted"};
    while (!g_mime_parser_eos(parser)) {
        GMimeMessage *message = g_mime_parser_construct_message(parser, NULL);
        if (!message) break;
        messages++;
        addresses += count_addresses(g_mime_message_get_from(message));
        addresses += count_addresses(g_mime_message_get_to(message));
        addresses += count_addresses(g_mime_message_get_cc(message));
        if (g_mime_message_get_date(message)) dated++;
        GMimeHeaderList *headers = g_mime_object_get_header_list(GMIME_OBJECT(message));
        for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++) {
            const char *v = g_mime_header_list_get_header(headers, names[i]) ? "x" : NULL;
            if (v && i == 3) lists++;
        }
        g_object_unref(message);
    }
    printf("%ld messages, %ld addresses, %ld dated, %ld list messages\n", messages, addresses, dated, lists);
    g_object_unref(parser);
    g_object_unref(stream);
    return 0;
}
