/**
 * Lines of a byte stream, as bytes. The corpus reader decodes each line itself with a fatal
 * UTF-8 decoder, so one bad line is reported by number and the others are still read (a
 * decoding line reader would turn bad bytes into U+FFFD silently). Nothing is buffered beyond
 * the current line; a line longer than `maxLine` bytes is skipped and reported as such.
 */
export type ByteLine = { line: number; bytes: Buffer } | { line: number; tooLong: number };

export async function* byteLines(chunks: AsyncIterable<Buffer>, maxLine: number): AsyncGenerator<ByteLine> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let line = 0;
  const take = (piece: Buffer): ByteLine => {
    line++;
    const total = pendingBytes + piece.length;
    let out: ByteLine;
    if (total > maxLine) out = { line, tooLong: total };
    else {
      let bytes = pending.length ? Buffer.concat([...pending, piece]) : piece;
      if (bytes.length && bytes[bytes.length - 1] === 13) bytes = bytes.subarray(0, bytes.length - 1);
      out = { line, bytes };
    }
    pending = [];
    pendingBytes = 0;
    return out;
  };
  for await (const chunk of chunks) {
    let start = 0;
    let nl: number;
    while ((nl = chunk.indexOf(10, start)) !== -1) {
      yield take(chunk.subarray(start, nl));
      start = nl + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      // Past the limit only the length matters: keep counting, stop keeping.
      if (pendingBytes + rest.length <= maxLine) pending.push(Buffer.from(rest));
      else pending = [];
      pendingBytes += rest.length;
    }
  }
  if (pendingBytes > 0) yield take(Buffer.alloc(0));
}
