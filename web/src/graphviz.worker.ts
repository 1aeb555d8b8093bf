// A Web Worker that runs Graphviz (compiled to WebAssembly by @aduh95/viz.js, the engine graphviz-cli uses in
// Node) so laying out the model's graph never blocks the page. The .wasm file ships with the site.
import initWASM from '@aduh95/viz.js/worker';
import wasmURL from '@aduh95/viz.js/wasm?url';

void initWASM({ locateFile: () => wasmURL });
