/**
 * stdout for large outputs: waits when the pipe is full, and when the reader goes away
 * (`wiretrace audit ... | head`) stops writing quietly instead of crashing, so the run still
 * finishes and saves its index.
 */
export interface OutStream {
  write(chunk: string): boolean;
  once(event: string, listener: (...args: unknown[]) => void): unknown;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  removeListener(event: string, listener: (...args: unknown[]) => void): unknown;
}

export class Output {
  private closed = false;

  constructor(private readonly stream: OutStream) {
    stream.on('error', (e) => {
      if ((e as NodeJS.ErrnoException).code === 'EPIPE') this.closed = true;
      else throw e;
    });
  }

  async write(text: string): Promise<void> {
    if (this.closed || text === '') return;
    if (this.stream.write(text)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.stream.removeListener('drain', done);
        this.stream.removeListener('close', done);
        this.stream.removeListener('error', done);
        resolve();
      };
      this.stream.once('drain', done);
      this.stream.once('close', done);
      this.stream.once('error', done);
    });
  }
}
