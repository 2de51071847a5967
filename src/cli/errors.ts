/**
 * The errors the command line reports to a person: one line on stderr, no stack trace, and
 * an exit code that tells scripts a mistake in the command (2) from a failed run (1).
 */

/** Exit status of a run that failed: bad input, no adapter, a GPU error. */
export const EXIT_FAILURE = 1;
/** Exit status of a command that was written wrong: unknown option, missing argument. */
export const EXIT_USAGE = 2;

/** A failure whose message is meant for the user as it is: what is wrong, what to do. */
export class CliError extends Error {
  override name = 'CliError';
  /** The process's exit status. */
  readonly exitCode: number;

  constructor(message: string, exitCode = EXIT_FAILURE) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** A command line that cannot be run as written; exits with EXIT_USAGE. */
export class UsageError extends CliError {
  override name = 'UsageError';

  constructor(message: string) {
    super(`${message} (see torus-gan-flow --help)`, EXIT_USAGE);
  }
}

/**
 * The message of any thrown value, on one line. Other control characters (C0, DEL and C1),
 * which a message may quote from a broken file, are written as escapes rather than sent to
 * the terminal, where they could move the cursor or change colours.
 */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\t/g, ' ')
    .replace(
      /[\u0000-\u001f\u007f-\u009f]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    )
    .trim();
}
