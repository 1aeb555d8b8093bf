import { Command } from 'commander';
import { registerTutorialCommand } from '../tutorial/cli.js';
import { registerExampleCommand } from './example.js';
import { registerGraphCommand } from './graph.js';

/** The `tf1-ts` command line (src/cli/main.ts loads it): `tf1-ts tutorial`, `tf1-ts graph`, `tf1-ts example`. */
export function buildProgram(): Command {
  const program = new Command('tf1-ts')
    .description("TensorFlow 1.x's graph model in TypeScript: the MNIST tutorial, graph diagrams and the TF1 examples")
    .showHelpAfterError()
    .exitOverride();
  registerTutorialCommand(program);
  registerGraphCommand(program);
  registerExampleCommand(program);
  return program;
}

/**
 * The one line the program prints for an error it did not expect: the first line of the message (TF1's
 * errors carry node context on further lines), never a stack trace.
 */
export function errorLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const first = message.split('\n')[0]!.trim() || (e instanceof Error ? e.name : 'unknown error');
  // A raw RangeError (a stack overflow, an allocation too large) is a bug or a limit, not the user's input.
  return e instanceof RangeError ? `internal error (${first})` : first;
}

function die(e: unknown): never {
  console.error(`tf1-ts: ${errorLine(e)}`);
  process.exit(1);
}

/** Runs the program on process.argv: errors as one line on stderr, exit 2 for a usage error, 1 for a failure. */
export function main(): void {
  // Errors outside the command's promise (a rejected promise nobody awaited, an exception in a callback)
  // are one line too, not Node's stack trace.
  process.on('uncaughtException', die);
  process.on('unhandledRejection', die);
  buildProgram()
    .parseAsync(process.argv)
    .catch((e: unknown) => {
      const err = e as { code?: string; exitCode?: number };
      if (err?.code?.startsWith('commander.')) process.exit(err.exitCode === 0 ? 0 : 2);
      die(e);
    });
}
