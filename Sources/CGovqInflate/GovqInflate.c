// zlib's inflate in one call (GovqInflate.h).
#include "GovqInflate.h"
#include <limits.h>
#include <zlib.h>

int64_t govq_inflate_raw(const uint8_t *in, size_t inCount, uint8_t *out, size_t outCapacity, size_t *inUsed) {
    if (inCount > UINT_MAX || outCapacity > UINT_MAX) return -1;
    z_stream s = {0};
    if (inflateInit2(&s, -MAX_WBITS) != Z_OK) return -1;
    s.next_in = (Bytef *)in;
    s.avail_in = (uInt)inCount;
    s.next_out = out;
    s.avail_out = (uInt)outCapacity;
    // Z_FINISH: all the input and room are given at once; Z_STREAM_END only when the stream
    // ended, Z_BUF_ERROR when it needs more input or more room, Z_DATA_ERROR when damaged.
    int status = inflate(&s, Z_FINISH);
    int64_t written = (int64_t)(outCapacity - s.avail_out);
    *inUsed = inCount - s.avail_in;
    inflateEnd(&s);
    return status == Z_STREAM_END ? written : -1;
}
