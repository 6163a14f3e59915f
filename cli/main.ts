/**
 * The wiretrace command line: argument parsing and dispatch. bin/wiretrace.js runs this through
 * tsx and exits with the status main() returns: 0 fine, 1 bad input, 2 usage error.
 */
import { readFileSync } from 'node:fs';
import { align } from './align';
import { parseCommand, UsageError, type Command } from './args';
import { audit } from './audit';
import { ALIGN_HELP, AUDIT_HELP, MAIN_HELP } from './help';
import { Output } from './output';

function version(): string {
  try {
    return JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export async function main(argv: string[]): Promise<number> {
  const err = process.stderr;
  let command: Command;
  try {
    command = parseCommand(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    const hint = e.command ? `wiretrace ${e.command} --help` : 'wiretrace --help';
    err.write(`wiretrace: ${e.message} (see '${hint}')\n`);
    return 2;
  }
  const out = new Output(process.stdout);
  switch (command.kind) {
    case 'help':
      await out.write(command.topic === 'audit' ? AUDIT_HELP : command.topic === 'align' ? ALIGN_HELP : MAIN_HELP);
      return 0;
    case 'version':
      await out.write(`wiretrace ${version()}\n`);
      return 0;
    case 'audit':
      return audit(command.args, { out, err });
    case 'align':
      return align(command.args, { out, err });
  }
}
