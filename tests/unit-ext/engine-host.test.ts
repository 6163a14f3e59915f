import { describe, expect, it } from 'vitest';
import { serial, serialEarly } from '../../background/engine-host';

/** A promise and its resolver, to let a test decide when work ends. */
function deferred<T = void>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('the index work queue', () => {
  it('serialEarly answers before its rest is done, and the next task waits for that rest', async () => {
    const log: string[] = [];
    const rest = deferred();
    const answer = serialEarly(async () => {
      log.push('check');
      return { value: 'report', rest: rest.promise.then(() => log.push('recorded')) };
    });
    const next = serial(async () => {
      log.push('next check');
      return 'second';
    });
    expect(await answer).toBe('report'); // answered while the recording is still under way
    await new Promise((r) => setTimeout(r, 20));
    expect(log).toEqual(['check']);
    rest.resolve();
    expect(await next).toBe('second');
    expect(log).toEqual(['check', 'recorded', 'next check']);
  });

  it('a failed rest or a failed task does not stop the queue; a failed task reaches its caller', async () => {
    const rest = deferred();
    const answer = serialEarly(async () => ({ value: 1, rest: rest.promise }));
    rest.reject(new Error('quota exceeded'));
    expect(await answer).toBe(1);
    await expect(serialEarly(async () => Promise.reject(new Error('page gone')))).rejects.toThrow('page gone');
    expect(await serial(async () => 'still running')).toBe('still running');
  });
});
