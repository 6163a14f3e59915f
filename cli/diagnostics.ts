/**
 * Messages on stderr. Every problem with an input is one line naming where it is
 * (`wiretrace: file.jsonl:7: ...`); the run goes on and the exit status becomes 1. Notes (a page
 * skipped as not an article, an id read twice) leave the exit status alone. Messages are written
 * terminal-safe (terminal-text.ts): a file name or a value quoted from an input cannot hold escapes.
 */
import { printable } from './terminal-text';

export interface Writer {
  write(text: string): void;
}

export class Diagnostics {
  errors = 0;
  /** Pages skipped as not articles (notes, not errors). */
  skipped = 0;
  /** Called before a message is written (the progress bar clears its line). */
  beforeWrite: () => void = () => {};

  constructor(private readonly stderr: Writer) {}

  /** A problem with an input: reported, counted, and the run goes on. */
  error(where: string, message: string): void {
    this.errors++;
    this.beforeWrite();
    this.stderr.write(`${printable(`wiretrace: ${where}: ${message}`)}\n`);
  }

  /** A page skipped as not an article: a note (a correct reading, not an error), counted. */
  skip(where: string, message: string): void {
    this.skipped++;
    this.note(where, message);
  }

  /** Something worth knowing that is not an error (does not change the exit status). */
  note(where: string, message: string): void {
    this.beforeWrite();
    this.stderr.write(`${printable(`wiretrace: ${where}: note: ${message}`)}\n`);
  }

  /** A line already worded ("FILE: note: ..."), after `wiretrace: `; the exit status is left alone. */
  raw(message: string): void {
    this.beforeWrite();
    this.stderr.write(`${printable(`wiretrace: ${message}`)}\n`);
  }
}

/** A problem with one input (a file, or a line of a corpus); `where` names it. */
export class InputError extends Error {
  override name = 'InputError';
  constructor(
    readonly where: string,
    message: string,
  ) {
    super(message);
  }
}

/** A problem that stops the run (a broken --meta or --index file). */
export class FatalError extends Error {
  override name = 'FatalError';
}
