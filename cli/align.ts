/**
 * wiretrace align A B: the passages two plain-text files share (the PAN text-alignment
 * setting), with character offsets into each file as read: UTF-8, BOM kept, JavaScript string
 * indices. Offsets are never shifted by any normalisation: a.slice(start, end) is the passage.
 */
import { alignTexts } from '../src/engine/align';
import type { AlignArgs } from './args';
import { InputError, type Writer } from './diagnostics';
import { snippet } from './format-human';
import type { Output } from './output';
import { readTextFile } from './read-file';
import { jsonSafe, printable } from './terminal-text';

export async function align(args: AlignArgs, io: { out: Output; err: Writer }): Promise<number> {
  const texts: string[] = [];
  let failed = false;
  for (const file of [args.a, args.b]) {
    try {
      texts.push(await readTextFile(file, args.maxBytes, true));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      io.err.write(`${printable(`wiretrace: ${e.where}: ${e.message}`)}\n`);
      failed = true;
    }
  }
  if (failed) return 1;
  const [a, b] = texts;
  const passages = alignTexts(a, b).map((p) => ({ a: { start: p.a.start, end: p.a.end }, b: { start: p.b.start, end: p.b.end } }));
  if (args.json) {
    await io.out.write(jsonSafe(JSON.stringify({ passages })) + '\n');
    return 0;
  }
  const lines = [`A: ${args.a} (${a.length} characters)`, `B: ${args.b} (${b.length} characters)`];
  if (passages.length === 0) lines.push('no passages in common');
  else lines.push(`${passages.length} passage${passages.length === 1 ? '' : 's'} in common:`);
  passages.forEach((p, i) => {
    lines.push(`  ${i + 1}. A ${p.a.start}-${p.a.end}  <->  B ${p.b.start}-${p.b.end}`);
    lines.push(`     A: "${snippet(a.slice(p.a.start, p.a.end))}"`);
    lines.push(`     B: "${snippet(b.slice(p.b.start, p.b.end))}"`);
  });
  await io.out.write(lines.map(printable).join('\n') + '\n');
  return 0;
}
