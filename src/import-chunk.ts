/**
 * How a page cuts an index file for the worker: at most this many characters of lines a message.
 * Each chunk is one event of the worker, read, checked and written while the page waits (two chunks
 * at a time: src/send-index-file.ts); what the chunks hold in memory on their way (the page's lines,
 * the messages, the worker's parsed articles, postings and writes) is what an import adds to the
 * browser's, whatever the file's size. At 4 M characters a
 * 200 MB import grew the browser's memory by ~290 MiB, at 2 M by ~230 MiB
 * (tests/extension/import-memory.test.ts, which holds it under 300 MB); each chunk takes a second or two.
 */
export const CHUNK_CHARS = 2_000_000;
