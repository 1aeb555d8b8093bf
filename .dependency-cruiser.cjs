// The layering of src/ (docs/architecture.md, DESIGN.md "Layout"), checked by `npm run lint:deps`:
//
//   framework -> graph -> ops -> session -> {train, testing, summary} -> {viz, src/index.ts} -> examples -> {tutorial, cli}
//   (summary, the event files and TFRecords, sits beside train: train may import it, it never imports train)
//
// A module imports only from its own layer or the layers to its left. Every rule is an error, and every rule
// counts `import type` as an import too, except where a rule says otherwise. test/arch/layers.test.ts runs these
// rules against test/arch/fixtures/src, which breaks each of them once, so no rule can silently match nothing.

/** `^src/(a|b|...)/`: the modules of these folders of src/. */
const under = (...dirs) => `^src/(${dirs.join('|')})/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-runtime-cycle',
      comment:
        'No import cycle among the modules that run: a cycle makes the evaluation order (and so which binding is ' +
        'still undefined) depend on which module is imported first. Cycles through `import type` are allowed, since ' +
        'they are erased before anything runs (a cycle counts when every edge in it is a runtime import). Caveat: ' +
        'dependency-cruiser reports one cycle per import, so a runtime cycle could hide behind a type-only one; ' +
        'test/arch/layers.test.ts also checks the runtime graph completely.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'framework-types-only-from-graph-ops',
      comment:
        'framework is the bottom layer. The op definitions (framework/op_def.ts, framework/ops/*.ts) and ' +
        'framework/errors.ts name the types of the layers above them (Tensor, Operation from graph; GradKit from ' +
        'ops) in their signatures: that is allowed as `import type` only, which is erased at compile time, never as ' +
        'a runtime import.',
      severity: 'error',
      from: { path: under('framework') },
      to: { path: under('graph', 'ops'), dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'proto-generated-alone',
      comment:
        "src/framework/proto is protoc-gen-es's output for TF's schemas (proto/, `npm run build:proto`): it imports " +
        'only @bufbuild/protobuf and its own files, never the rest of src/ (the library imports it, not the reverse).',
      severity: 'error',
      from: { path: '^src/framework/proto/' },
      to: { path: '^src/', pathNot: '^src/framework/proto/' },
    },
    {
      name: 'framework-below-session',
      comment: 'framework imports nothing (not even types) from session, train, testing, viz, tutorial or cli.',
      severity: 'error',
      from: { path: under('framework') },
      to: { path: under('session', 'train', 'testing', 'summary', 'viz', 'tutorial', 'cli') },
    },
    {
      name: 'graph-below-ops',
      comment:
        'graph (Graph, Operation, Tensor, GraphDef) imports nothing, not even types, from the layers above it: ' +
        "Tensor's operator methods are declared where the ops layer installs them.",
      severity: 'error',
      from: { path: under('graph') },
      to: { path: under('ops', 'session', 'train', 'testing', 'summary', 'viz', 'tutorial', 'cli') },
    },
    {
      name: 'ops-below-session',
      comment: 'ops (the tf.* builders, gradients) imports nothing, not even types, from session or above.',
      severity: 'error',
      from: { path: under('ops') },
      to: { path: under('session', 'train', 'testing', 'summary', 'viz', 'tutorial', 'cli') },
    },
    {
      name: 'session-below-train',
      comment: 'session imports nothing, not even types, from train, testing, viz, tutorial or cli.',
      severity: 'error',
      from: { path: under('session') },
      to: { path: under('train', 'testing', 'summary', 'viz', 'tutorial', 'cli') },
    },
    {
      name: 'train-testing-below-top',
      comment:
        'train (optimizers, Saver) and testing (tf.test, tf1-ts/testing) sit side by side above session: neither ' +
        'imports the other, nor viz, tutorial or cli.',
      severity: 'error',
      from: { path: '^src/(train|testing)/' },
      to: { path: under('train', 'testing', 'viz', 'tutorial', 'cli'), pathNot: '^src/$1/' },
    },
    {
      name: 'summary-beside-train',
      comment:
        "summary (TFRecord files, tf.summary's FileWriter, TensorBoard's events) sits beside train above session: " +
        'train imports it (tf.train.summary_iterator), and it imports nothing from train, testing, viz, tutorial or cli.',
      severity: 'error',
      from: { path: under('summary') },
      to: { path: under('train', 'testing', 'viz', 'tutorial', 'cli') },
    },
    {
      name: 'cpu-webgpu-apart',
      comment:
        'The two backends stand side by side on what session/ shares (plan, kernels/, run-time checks): ' +
        'src/session/cpu and src/session/webgpu never import each other, not even types.',
      severity: 'error',
      from: { path: '^src/session/(cpu|webgpu)/' },
      to: { path: '^src/session/(cpu|webgpu)/', pathNot: '^src/session/$1/' },
    },
    {
      name: 'public-api-only-from-top',
      comment:
        'src/index.ts is the public API (what users import as tf1-ts): only the tutorial and the CLI, which use ' +
        'the library as a user does, import it; the library itself never does (it would be a cycle).',
      severity: 'error',
      from: { path: '^src/', pathNot: under('examples', 'tutorial', 'cli') },
      to: { path: '^src/index\\.ts$' },
    },
    {
      name: 'examples-only-from-top',
      comment:
        "src/examples (TF1's tensorflow.examples: the MNIST loader, `tf1-ts/examples/tutorials/mnist`) is a user of " +
        'the library, a package entry of its own: nothing in src/ but the tutorial and the CLI imports it.',
      severity: 'error',
      from: { path: '^src/', pathNot: under('examples', 'tutorial', 'cli') },
      to: { path: under('examples') },
    },
    {
      name: 'examples-public-api-only',
      comment:
        'src/examples uses the library through the public API (src/index.ts), and the calling convention ' +
        "(src/framework/args.ts) so that its functions take TF1's parameters by position or by name as every tf1-ts " +
        'function does.',
      severity: 'error',
      from: { path: under('examples') },
      to: { path: '^src/', pathNot: ['^src/index\\.ts$', under('examples'), '^src/framework/args\\.ts$'] },
    },
    {
      name: 'tutorial-only-from-cli',
      comment: 'The tutorial (the article) is an application of the library: nothing in src/ but the CLI imports it.',
      severity: 'error',
      from: { path: '^src/', pathNot: under('tutorial', 'cli') },
      to: { path: under('tutorial') },
    },
    {
      name: 'cli-is-the-entry',
      comment: 'src/cli is the command line, the top: nothing else in src/ imports it.',
      severity: 'error',
      from: { path: '^src/', pathNot: under('cli') },
      to: { path: under('cli') },
    },
    {
      name: 'tutorial-public-api-only',
      comment:
        'The tutorial uses the library only through the public API (src/index.ts), so it works with what users ' +
        'get (test/tutorial/public_api.test.ts checks the imported names too).',
      severity: 'error',
      from: { path: under('tutorial'), pathNot: '^src/tutorial/cli\\.ts$' },
      to: { path: '^src/', pathNot: ['^src/index\\.ts$', under('tutorial'), under('examples')] },
    },
    {
      name: 'tutorial-cli-public-api-only',
      comment:
        "The tutorial's command (src/tutorial/cli.ts) likewise, except that it makes its --out and --save folders " +
        "with the checkpoint writer's makeDirs (there is no tf.gfile): src/train/checkpoint_io.ts is allowed there.",
      severity: 'error',
      from: { path: '^src/tutorial/cli\\.ts$' },
      to: { path: '^src/', pathNot: ['^src/index\\.ts$', under('tutorial'), under('examples'), '^src/train/checkpoint_io\\.ts$'] },
    },
    {
      name: 'src-not-test-bench-web',
      comment: 'The library never imports the tests, the benchmarks or the web page.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench|web)/' },
    },
    {
      name: 'no-unresolvable',
      comment:
        'A relative import that does not resolve to a file could not be checked by the rules above (nor would it ' +
        'run): it is an error too.',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true, path: '^[.]' },
    },
  ],
  options: {
    // Keep `import type` in the graph, marked 'type-only', so the rules above can count or exempt it.
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
  },
};
