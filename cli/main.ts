/**
 * The wiretrace command line: argument parsing and dispatch. bin/wiretrace.js runs this through
 * tsx and exits with the status main() returns: 0 fine, 1 bad input, 2 usage error.
 */
import { align } from './align';
import { parseCommand, UsageError, type Command } from './args';
import { audit } from './audit';
import { feed } from './feed';
import { exerciseBuild } from './exercise';
import { ALIGN_HELP, AUDIT_HELP, EXERCISE_HELP, FEED_HELP, MAIN_HELP, PACK_HELP, SERVE_HELP } from './help';
import { Output } from './output';
import { pack } from './pack';
import { printable } from './terminal-text';
import { version } from './version';

const HELP = { audit: AUDIT_HELP, align: ALIGN_HELP, feed: FEED_HELP, pack: PACK_HELP, exercise: EXERCISE_HELP, serve: SERVE_HELP };

export async function main(argv: string[]): Promise<number> {
  const err = process.stderr;
  let command: Command;
  try {
    command = parseCommand(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    const hint = e.command ? `wiretrace ${e.command} --help` : 'wiretrace --help';
    err.write(`${printable(`wiretrace: ${e.message} (see '${hint}')`)}\n`);
    return 2;
  }
  const out = new Output(process.stdout);
  switch (command.kind) {
    case 'help':
      await out.write(command.topic ? HELP[command.topic] : MAIN_HELP);
      return 0;
    case 'version':
      await out.write(`wiretrace ${version()}\n`);
      return 0;
    case 'audit':
      return audit(command.args, { out, err });
    case 'align':
      return align(command.args, { out, err });
    case 'feed':
      return feed(command.args, { out, err });
    case 'pack':
      return pack(command.args, { out, err });
    case 'exercise-build':
      return exerciseBuild(command.args, { out, err });
    case 'serve': {
      // Loaded only for serve: the service's modules (Hono, pg) are not needed by the other commands.
      const { serveCommand } = await import('../server/serve');
      return serveCommand(command.args, { out: process.stdout, err });
    }
  }
}
