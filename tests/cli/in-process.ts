/**
 * The CLI's commands run in the test's own process (parseCommand, then the command), with stdout and
 * stderr captured: the same code and messages as bin/wiretrace.js, without a process start-up each
 * (about a second). For the many small cases of one behaviour; run.ts starts the real CLI.
 */
import { EventEmitter } from 'node:events';
import { parseCommand } from '../../cli/args';
import { audit } from '../../cli/audit';
import { Output } from '../../cli/output';
import type { Run } from './run';

class Sink extends EventEmitter {
  text = '';
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

/** `wiretrace audit ARGS` in this process: paths as given (use absolute ones). */
export async function auditInProcess(args: string[]): Promise<Run> {
  const command = parseCommand(['audit', ...args]);
  if (command.kind !== 'audit') throw new Error('not an audit');
  const out = new Sink();
  const err = new Sink();
  const code = await audit(command.args, { out: new Output(out), err });
  return { code, stdout: out.text, stderr: err.text };
}
