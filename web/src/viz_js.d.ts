// @aduh95/viz.js ships its types but its package.json "exports" do not point at them; these point TypeScript there.
declare module '@aduh95/viz.js' {
  import Viz from '@aduh95/viz.js/dist/index.js';
  export default Viz;
}
declare module '@aduh95/viz.js/worker' {
  /** Starts Graphviz in this worker; `locateFile` says where the .wasm file is. */
  export default function initWASM(overrides: { locateFile(): string }): unknown;
}
declare module '@aduh95/viz.js/wasm?url' {
  const url: string;
  export default url;
}
