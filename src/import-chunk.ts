/** How a page cuts an index file for the worker: at most this many characters of lines a message. */
export const CHUNK_CHARS = 4_000_000;
