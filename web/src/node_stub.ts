// Stands in for node:fs and node:zlib in the browser bundle (see vite.config.ts): the page never reads files,
// so each function only says so if something calls it by mistake.

function unavailable(name: string): never {
  throw new Error(`${name} is not available in the browser; the page fetches MNIST instead (web/src/mnist.ts)`);
}

/** Not in the browser. */
export function existsSync(): boolean {
  return unavailable('fs.existsSync');
}
/** Not in the browser. */
export function readFileSync(): Uint8Array {
  return unavailable('fs.readFileSync');
}
/** Not in the browser. */
export function statSync(): never {
  return unavailable('fs.statSync');
}
/** Not in the browser. */
export function gunzipSync(): Uint8Array {
  return unavailable('zlib.gunzipSync');
}
