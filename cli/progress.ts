/**
 * A one-line progress bar on stderr, for large inputs only: drawn when stderr is a terminal
 * (not on CI logs) or when --progress forces it, and only once more than `threshold` articles
 * are involved. Redraws at most ten times a second.
 */
export interface ProgressTarget {
  write(text: string): void;
  isTTY?: boolean;
}

export class Progress {
  private shown = false;
  private last = 0;

  constructor(
    private readonly target: ProgressTarget,
    private readonly enabled: boolean,
    private readonly threshold = 50,
  ) {}

  static decide(target: ProgressTarget, forced: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
    if (forced) return true;
    return !!target.isTTY && !env.CI;
  }

  /** `total` is undefined while it is not known yet (articles still being read). */
  update(done: number, total: number | undefined, label: string): void {
    if (!this.enabled || (total ?? done) <= this.threshold) return;
    const now = Date.now();
    if (this.shown && now - this.last < 100 && done !== total) return;
    this.last = now;
    this.shown = true;
    let line: string;
    if (total === undefined) line = `${label} ${done}`;
    else {
      const width = 24;
      const filled = Math.round((done / total) * width);
      line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${Math.floor((done / total) * 100)}%`;
    }
    this.target.write(`\r\x1b[K${line}`);
  }

  /** Removes the bar (before other stderr output, and at the end). */
  clear(): void {
    if (!this.shown) return;
    this.target.write('\r\x1b[K');
    this.shown = false;
  }
}
