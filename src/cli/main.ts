#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { registerTutorialCommand } from '../tutorial/cli.js';
import { registerGraphCommand } from '../viz/cli.js';

/** The `tf1-ts` command line: `tf1-ts tutorial`, `tf1-ts graph`. */
export function buildProgram(): Command {
  const program = new Command('tf1-ts')
    .description("TensorFlow 1.x's graph model in TypeScript: the MNIST tutorial and graph diagrams")
    .showHelpAfterError()
    .exitOverride();
  registerTutorialCommand(program);
  registerGraphCommand(program);
  return program;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (isMain) {
  buildProgram().parseAsync(process.argv).catch((e: unknown) => {
    const err = e as { code?: string; exitCode?: number; message?: string };
    if (err.code?.startsWith('commander.')) process.exit(err.exitCode === 0 ? 0 : 2);
    console.error(`tf1-ts: ${err.message ?? String(e)}`);
    process.exit(1);
  });
}
