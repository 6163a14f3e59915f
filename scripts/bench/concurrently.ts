/** Runs calls from several clients at once and gives their latency percentiles and throughput (the team index bench). */
import type { LatencyFigures } from './team-figures';
import { quantile } from './util';

const seconds = (t0: number) => (performance.now() - t0) / 1000;

/** Runs `clients` loops of `each` calls of `fn` at once; per-call milliseconds and calls per second. */
export async function concurrently(clients: number, each: number, fn: (client: number, i: number) => Promise<unknown>): Promise<LatencyFigures> {
  const times: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; i < each; i++) {
        const t = performance.now();
        await fn(c, i);
        times.push(performance.now() - t);
      }
    }),
  );
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95), perSecond: times.length / seconds(t0), n: times.length };
}
