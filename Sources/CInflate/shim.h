#ifndef WARMPATH_CZLIB_SHIM_H
#define WARMPATH_CZLIB_SHIM_H
#include <zlib.h>

/// inflateInit2 is a macro: a raw-deflate (zip member) stream, no zlib or gzip header.
static inline int wp_inflate_init_raw(z_stream *stream) { return inflateInit2(stream, -15); }

#endif
