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
 * Characters that would change the terminal or the text around them rather than show:
 * C0 and C1 controls and DEL (cursor moves, colours), line and paragraph separators, and
 * the bidirectional controls that can make a line read in another order than it is.
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/** `text` with every UNPRINTABLE character written as \u and four hex digits, as in JSON. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The message of any thrown value, on one line, printable: a message may quote a broken
 * file or a path with any characters in it.
 */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return printable(text.replace(/\s*\n\s*/g, ' ').replace(/\t/g, ' ')).trim();
}
