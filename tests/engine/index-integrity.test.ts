/**
 * A self-checking index file: every line carries its checksum and the header its article count, so a
 * file cut at a line boundary, a damaged line or an edited header is refused whole, naming the line;
 * a file written before checksums existed still loads, marked unverified. Ids and times from files are
 * kept exact: a huge numeric id stays the digits given, an impossible day or a year past 9999 is refused.
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine';
import { checkLine, sealLine } from '../../src/engine/line-check';
import { MemoryStore } from '../../src/engine/memory-store';
import { readTime } from '../../src/engine/parse-time';
import { exportIndex, importIndex } from '../../src/engine/serialize';
import { sealed } from './sealed';
import { seed } from './seeds';

async function exported(...ids: string[]): Promise<string[]> {
  const e = await Engine.open(new MemoryStore());
  for (const id of ids) await e.record(seed(id));
  const out: string[] = [];
  for await (const l of exportIndex(e.store)) out.push(l);
  return out;
}

const load = async (lines: string[]) => importIndex(await Engine.open(new MemoryStore()), lines);

/** The same file as an older wiretrace wrote it: no checksum in the header, no sum on the lines. */
function older(lines: string[]): string[] {
  return lines.map((l) => {
    const { sum: _s, checksum: _c, ...rest } = JSON.parse(l) as Record<string, unknown>;
    return JSON.stringify(rest);
  });
}

describe('line checksums', () => {
  it('seal a line as its last field, and find any change to it', () => {
    const line = sealLine('{"id":"a","paragraphs":["one two"]}');
    expect(line).toMatch(/^\{"id":"a","paragraphs":\["one two"\],"sum":"[0-9a-f]{8}"\}$/);
    expect(checkLine(line)).toBe('ok');
    expect(checkLine(line.replace('one', 'One'))).toBe('wrong');
    expect(checkLine('{"id":"a"}')).toBe('missing');
    // Every single character changed anywhere is caught (FNV-1a steps are bijective).
    for (let i = 1; i < line.length - 18; i++) expect(checkLine(line.slice(0, i) + String.fromCharCode(line.charCodeAt(i) ^ 1) + line.slice(i + 1))).not.toBe('ok');
  });
});

describe('a self-checking index file', () => {
  it('is written with a checksum on every line and read back verified', async () => {
    const lines = await exported('000', '001', '004');
    expect(JSON.parse(lines[0])).toMatchObject({ checksum: 'fnv1a32-line', documents: 3 });
    for (const l of lines) expect(checkLine(l)).toBe('ok');
    expect(await load(lines)).toMatchObject({ documents: 3, verified: true });
  });

  it('refuses a file cut at a line boundary, with checksums or without', async () => {
    const lines = await exported('000', '001', '004');
    await expect(load(lines.slice(0, 2))).rejects.toThrow(/^line 1: documents: the header says 3 articles, the file holds 1 \(is it cut short\?\)$/);
    await expect(load(older(lines).slice(0, 3))).rejects.toThrow(/line 1: documents: the header says 3 articles, the file holds 2/);
  });

  it('refuses a damaged line, a line without its checksum and an edited header, naming the line', async () => {
    const lines = await exported('000', '001');
    const flipped = [...lines];
    flipped[2] = flipped[2].replace('the', 'thE');
    await expect(load(flipped)).rejects.toThrow(/^line 3: its checksum does not match: the line is damaged/);
    const unsealed = [...lines];
    unsealed[1] = older([lines[1]])[0];
    await expect(load(unsealed)).rejects.toThrow(/^line 2: has no checksum, though the header says every line has one/);
    const header = [...lines];
    header[0] = header[0].replace('"documents":2', '"documents":1');
    await expect(load(header)).rejects.toThrow(/^line 1: the header's checksum does not match: the header is damaged/);
    const cut = [...lines];
    cut[2] = cut[2].slice(0, 200);
    await expect(load(cut)).rejects.toThrow(/^line 3: not valid JSON .*: the line is damaged or cut short/);
    await expect(load([sealed({ ...JSON.parse(lines[0]), checksum: 'sha-512' }), ...lines.slice(1)])).rejects.toThrow(/checksum "sha-512" is not known/);
    await expect(load([lines[0], lines[1], lines[0], lines[2]])).rejects.toThrow(/^line 3: a second header/);
  });

  it('still reads a file written before checksums existed, marked unverified', async () => {
    const lines = older(await exported('000', '001'));
    expect(await load(lines)).toMatchObject({ documents: 2, verified: false });
  });
});

describe('ids and times from files', () => {
  it('keeps a huge numeric id as the digits given, so two such ids stay two articles', async () => {
    const line = (id: string) => `{"id":${id},"outlet":"o","paragraphs":["some words of an article here"]}`;
    const e = await Engine.open(new MemoryStore());
    expect(await importIndex(e, [line('12345678901234567890123456789'), line('12345678901234567890123456788'), line('42')])).toMatchObject({ documents: 3 });
    expect(await e.store.getDocumentById('12345678901234567890123456789')).toBeDefined();
    expect(await e.store.getDocumentById('12345678901234567890123456788')).toBeDefined();
    expect(await e.store.getDocumentById('42')).toBeDefined();
  });

  it('refuses a day that does not exist and a year past 9999, saying why', async () => {
    expect(readTime('2024-02-30')).toEqual({ error: 'February 2024 has 29 days' });
    expect(readTime('2023-02-29T10:00:00Z')).toEqual({ error: 'February 2023 has 28 days' });
    expect(readTime('31 Apr 2024 10:00 GMT')).toEqual({ error: 'April 2024 has 30 days' });
    expect(readTime('+275760-09-13T00:00:00.000Z')).toEqual({ error: 'after the year 9999' });
    expect(readTime('2024-02-29')).toEqual({ ms: Date.UTC(2024, 1, 29) });
    expect(readTime('Thu, 29 Feb 2024 10:00:00 GMT')).toEqual({ ms: Date.UTC(2024, 1, 29, 10) });
    const line = (t: string) => JSON.stringify({ id: 'x', outlet: 'o', firstSeen: t, paragraphs: ['some words of an article here'] });
    await expect(load([line('+275760-09-13T00:00:00.000Z')])).rejects.toThrow(/^line 1: article x: firstSeen is not a valid time: "\+275760-09-13T00:00:00.000Z" \(after the year 9999\)$/);
    await expect(load([line('2024-02-30T00:00:00Z')])).rejects.toThrow(/\(February 2024 has 29 days\)/);
  });
});
