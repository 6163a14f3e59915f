/**
 * The memory of a browser's whole process tree, read from Linux's /proc: the browser process (found
 * by its profile directory on its command line) and every process below it (renderers, the one of the
 * extension's pages and service worker, GPU, utility and storage processes, zygotes). What is summed
 * is each process's proportional share of its anonymous and shared-memory pages (Pss_Anon + Pss_Shmem
 * in /proc/PID/smaps_rollup): its heaps, JavaScript's included, and the shared memory its messages go
 * through, each page shared by several processes counted once over them. File-backed pages (the
 * browser's code and libraries) are left out: their share moves whenever another process mapping the
 * same files (another Chromium on the machine) starts or ends, which says nothing of this browser's
 * work. Processes that end between listing and reading are skipped. The CPU time the tree has used
 * says when it has gone idle.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** pid -> parent pid, for every process now. */
function parents(): Map<number, number> {
  const out = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // "pid (comm) state ppid ...": comm may hold spaces and parentheses; ppid follows the last ')'.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      out.set(Number(name), ppid);
    } catch {
      // ended meanwhile
    }
  }
  return out;
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** The browser process of the profile at `profile`: the one with it on its command line whose parent has not. */
export function browserPid(profile: string): number {
  const ppid = parents();
  const flag = `--user-data-dir=${profile}`;
  const holders = [...ppid.keys()].filter((pid) => commandLine(pid).includes(flag));
  const root = holders.find((pid) => !holders.includes(ppid.get(pid) ?? -1));
  if (root === undefined) throw new Error(`no browser process runs with ${flag}`);
  return root;
}

/** `pid` and every process below it, now. */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const [p, parent] of parents()) children.set(parent, [...(children.get(parent) ?? []), p]);
  const out: number[] = [];
  const todo = [pid];
  while (todo.length) {
    const p = todo.pop()!;
    out.push(p);
    todo.push(...(children.get(p) ?? []));
  }
  return out;
}

/** A process's Pss_Anon + Pss_Shmem in bytes, or undefined when it has ended. */
function pss(pid: number): number | undefined {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(rollup)?.[1] ?? NaN) * 1024;
    const bytes = field('Pss_Anon') + field('Pss_Shmem');
    return Number.isNaN(bytes) ? undefined : bytes;
  } catch {
    return undefined;
  }
}

/** What a process of the tree is: the browser, or its --type (renderer, gpu-process, utility: its --utility-sub-type). */
function kind(pid: number, root: number): string {
  if (pid === root) return 'browser';
  const cmd = commandLine(pid);
  const type = /--type=(\S+)/.exec(cmd)?.[1] ?? 'other';
  const sub = /--utility-sub-type=(\S+)/.exec(cmd)?.[1];
  const extension = /--extension-process/.test(cmd) ? ' (extension)' : '';
  return `${type}${sub ? ` ${sub}` : ''}${extension} ${pid}`;
}

/**
 * The tree's memory now: the sum of its processes' anonymous and shared-memory Pss, in bytes, how
 * many processes it has, and each process's by what it is.
 */
export function treeMemory(root: number): { bytes: number; processes: number; each: Map<string, number> } {
  let bytes = 0;
  let processes = 0;
  const each = new Map<string, number>();
  for (const p of processTree(root)) {
    const b = pss(p);
    if (b === undefined) continue;
    bytes += b;
    processes++;
    each.set(kind(p, root), b);
  }
  return { bytes, processes, each };
}

/** Milliseconds of CPU the tree's processes have used (utime + stime in /proc/PID/stat, at 100 ticks a second). */
export function treeCpuMs(root: number): number {
  let ticks = 0;
  for (const p of processTree(root)) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // Fields 14 and 15 of stat (utime, stime) are 12 and 13 after "pid (comm) ".
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // ended meanwhile
    }
  }
  return ticks * 10;
}

/**
 * Waits until the tree is idle: under 50 ms of CPU (5 % of a core) in each of 2 seconds in a row, or
 * `maxMs` gone by. Resolves to the milliseconds waited.
 */
export async function untilIdle(root: number, maxMs: number): Promise<number> {
  const t0 = Date.now();
  let cpu = treeCpuMs(root);
  let quiet = 0;
  while (quiet < 2 && Date.now() - t0 < maxMs) {
    await new Promise((ok) => setTimeout(ok, 1000));
    const now = treeCpuMs(root);
    quiet = now - cpu < 50 ? quiet + 1 : 0;
    cpu = now;
  }
  return Date.now() - t0;
}
