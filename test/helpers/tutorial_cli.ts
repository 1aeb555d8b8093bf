// Runs `tf1-ts <args>` in-process, as src/cli/main.ts builds it: the tutorial command on a commander program whose
// exits throw, collecting the printed lines, commander's own stdout/stderr and the CommanderError of a refused call.
import { Command, CommanderError } from 'commander';
import { registerTutorialCommand } from '../../src/tutorial/cli.js';

export interface CliResult {
  lines: string[];
  stderr: string;
  stdout: string;
  error: CommanderError | null;
}

export async function tf1ts(args: string[]): Promise<CliResult> {
  const lines: string[] = [];
  let stderr = '';
  let stdout = '';
  const program = new Command('tf1-ts').exitOverride().configureOutput({
    writeOut: (s) => {
      stdout += s;
    },
    writeErr: (s) => {
      stderr += s;
    },
  });
  registerTutorialCommand(program, { out: (l) => lines.push(l), barStream: null });
  try {
    await program.parseAsync(args, { from: 'user' });
    return { lines, stderr, stdout, error: null };
  } catch (e) {
    if (e instanceof CommanderError) return { lines, stderr, stdout, error: e };
    throw e;
  }
}
