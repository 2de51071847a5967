/**
 * The entry of the `torus-gan-flow` command (bin/torus-gan-flow.mjs imports its build).
 * Every failure ends here as one line on stderr and an exit status; a stack trace is shown
 * only for an unexpected error, and only when TORUS_GAN_FLOW_DEBUG is set.
 */

import { NoAdapterError } from '../node/dawn';
import { parseCommand } from './args';
import { runBench } from './bench';
import { CliError, EXIT_FAILURE, oneLine } from './errors';
import { helpText } from './help';
import { VERSION } from './report';
import { runCommand } from './run';

/** The signals that interrupt a run: a closed terminal, Ctrl-C, Ctrl-\, `kill`. */
const SIGNALS = ['SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGTERM'] as const;

/** Exit status after SIGQUIT, as a shell reports it: 128 + 3, without a core dump. */
const EXIT_AFTER_QUIT = 131;

let onInterrupt: (() => string) | null = null;
/** Set once a signal is being handled: the command then ends by it, not by its status. */
let interrupted = false;

/**
 * Cleans up, says so in one line, and ends the process by the same signal, as the shell
 * and any calling script expect (a shell reports 128 + its number). Ending by the signal
 * also skips Node's exit path, which on Node 20 aborts after the terminal has hung up.
 */
function onSignal(signal: (typeof SIGNALS)[number]): void {
  interrupted = true;
  const outcome = onInterrupt?.() ?? 'nothing was saved';
  // On a terminal the line may hold the progress bar, or the ^C the terminal echoed.
  const lineStart = process.stderr.isTTY ? '\r\x1b[K' : '';
  process.stderr.write(`${lineStart}torus-gan-flow: interrupted; ${outcome}\n`, () => {
    if (signal === 'SIGQUIT') process.exit(EXIT_AFTER_QUIT);
    for (const each of SIGNALS) process.removeAllListeners(each);
    process.kill(process.pid, signal);
  });
}

async function main(args: string[]): Promise<number> {
  const command = parseCommand(args);
  switch (command.kind) {
    case 'help':
      process.stdout.write(`${helpText()}\n`);
      return 0;
    case 'version':
      process.stdout.write(`${VERSION}\n`);
      return 0;
    case 'bench':
      await runBench();
      return 0;
    case 'run':
      await runCommand(command, (next) => (onInterrupt = next));
      return 0;
  }
}

function report(error: unknown): number {
  if (error instanceof CliError || error instanceof NoAdapterError) {
    process.stderr.write(`torus-gan-flow: ${oneLine(error)}\n`);
    return error instanceof CliError ? error.exitCode : EXIT_FAILURE;
  }
  if (process.env.TORUS_GAN_FLOW_DEBUG) console.error(error);
  process.stderr.write(
    `torus-gan-flow: unexpected error: ${oneLine(error)} ` +
      '(set TORUS_GAN_FLOW_DEBUG=1 to see where; please report it)\n',
  );
  return EXIT_FAILURE;
}

/**
 * Exits after a failed write to stdout (a full disk, a closed pipe): the results are saved,
 * but what the command printed was lost, which a script must learn from the status.
 */
function stdoutFailed(error: NodeJS.ErrnoException): never {
  if (error.code !== 'EPIPE') {
    process.stderr.write(`torus-gan-flow: cannot write to standard output (${error.code})\n`);
  }
  process.exit(EXIT_FAILURE);
}

/**
 * Exits with `status`, unless a signal came first. Dawn's threads keep Node alive after the
 * work, so the command leaves by itself. A signal that came during the last synchronous
 * work (moving the files into place) waits for the event loop's next poll: two turns of
 * the loop let it be handled first, and said, as the README promises.
 */
function exitAfterPendingSignals(status: number): void {
  setImmediate(() =>
    setImmediate(() => {
      if (!interrupted) process.exit(status);
    }),
  );
}

for (const signal of SIGNALS) process.on(signal, onSignal);
// stderr is where failures are told; when it fails too (a terminal gone), nobody is left to
// tell, and the exit status still says it.
process.stderr.on('error', () => {});
process.stdout.on('error', stdoutFailed);
const status = await main(process.argv.slice(2)).catch(report);
process.stdout.write('', (error) =>
  error ? stdoutFailed(error) : exitAfterPendingSignals(status),
);
