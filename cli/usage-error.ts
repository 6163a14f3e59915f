/** A usage error of the command line: a one-line message and the command whose --help the hint names. */

export type CommandName = 'audit' | 'align' | 'feed' | 'pack' | 'exercise' | 'serve';

export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    message: string,
    /** The command whose --help the hint points to. */
    readonly command?: CommandName,
  ) {
    super(message);
  }
}
