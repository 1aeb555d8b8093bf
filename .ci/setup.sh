#!/usr/bin/env bash
# Everything tf1-ts needs on a fresh Debian machine with Node 20: the Debian packages (Vulkan loader and
# Chromium for WebGPU on SwiftShader and the browser tests, DejaVu fonts for figure titles, protoc for
# the TF protobuf schemas `npm run build:proto` compiles and the tests decode with) and the npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-webgpu.sh
if ! fc-list 2>/dev/null | grep -qi dejavu; then
  sudo=(); [[ $(id -u) -ne 0 ]] && sudo=(sudo)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends fonts-dejavu-core fontconfig
fi
if ! command -v protoc >/dev/null; then
  sudo=(); [[ $(id -u) -ne 0 ]] && sudo=(sudo)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends protobuf-compiler
fi
npm ci --no-audit --no-fund
