import { describe, expect, test } from 'vitest';
import { messages, wiretrace } from './run';

describe('wiretrace usage', () => {
  test.concurrent('--help, audit --help, align --help and --version exit 0 on stdout', async () => {
    const [help, auditHelp, alignHelp, version] = await Promise.all([
      wiretrace(['--help']),
      wiretrace(['audit', '--help']),
      wiretrace(['align', '--help']),
      wiretrace(['--version']),
    ]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/wiretrace audit/);
    expect(help.stdout).toMatch(/wiretrace align/);
    expect(auditHelp.code).toBe(0);
    for (const flag of ['--json', '--quiet', '--index', '--meta', '--outlet', '--order', '--max-bytes', '--progress', '--recursive', '--force', '--with-text']) expect(auditHelp.stdout).toContain(flag);
    expect(alignHelp.code).toBe(0);
    expect(alignHelp.stdout).toContain('--json');
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^wiretrace \d+\.\d+\.\d+\n$/);
    for (const r of [help, auditHelp, alignHelp, version]) expect(r.stderr).toBe('');
  });

  test.concurrent.each([
    [['frobnicate'], /unknown command 'frobnicate'/],
    [[], /missing command/],
    [['audit'], /at least one input/],
    [['audit', '--frob', 'x.txt'], /unknown option --frob/],
    [['audit', 'x.txt', '--index'], /--index needs a value/],
    [['feed', '--index', 'x.idx', '--delay-ms', '-5', 'f.xml'], /option --delay-ms needs a value, and the next argument starts with '-': give such a value as --delay-ms=VALUE/],
    [['audit', '--order', 'random', 'x.txt'], /--order must be 'time' or 'given'/],
    [['audit', '--max-bytes', 'lots', 'x.txt'], /--max-bytes needs a positive number/],
    [['audit', '--with-text', 'x.txt'], /--with-text needs --json/],
    [['align', 'only-one.txt'], /exactly two text files/],
    [['align', '--jsn', 'a.txt', 'b.txt'], /unknown option --jsn/],
  ])('usage error %j exits 2 with a one-line hint', async (args, message) => {
    const r = await wiretrace(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(messages(r.stderr)[0]).toMatch(message);
    expect(lines[0]).toMatch(/--help'\)$/);
  });
});
