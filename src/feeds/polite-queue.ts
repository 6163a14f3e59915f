/**
 * Fetching politely: at most `concurrency` requests at once, and the starts of requests to one host
 * at least `perHostDelayMs` apart. The clock and the sleep are the caller's (timers in the CLI and
 * the worker, a fake clock in tests). Each host's next start is reserved when a task is queued, so
 * tasks to one host start in the order they were queued.
 */

export interface PoliteQueueOptions {
  concurrency: number;
  perHostDelayMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return '';
  }
}

export class PoliteQueue {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly nextStart = new Map<string, number>();

  constructor(private readonly opts: PoliteQueueOptions) {
    if (!(opts.concurrency >= 1)) throw new RangeError('concurrency must be at least 1');
  }

  /** Runs `task` (a request to `url`) when the limits allow it. */
  async run<T>(url: string, task: () => Promise<T>): Promise<T> {
    const host = hostOf(url);
    const now = this.opts.now();
    const start = Math.max(now, this.nextStart.get(host) ?? now);
    this.nextStart.set(host, start + this.opts.perHostDelayMs);
    if (start > now) await this.opts.sleep(start - now);
    // A finished task hands its slot to the next waiting one, so no task can slip in between.
    if (this.running >= this.opts.concurrency) await new Promise<void>((go) => this.waiting.push(go));
    else this.running++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
