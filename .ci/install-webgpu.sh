#!/usr/bin/env bash
# Installs what WebGPU in Node needs on a Debian machine without a GPU: the Vulkan loader
# (libvulkan1) and Chromium, whose SwiftShader ICD is a Vulkan device on the CPU
# (/usr/lib/chromium/vk_swiftshader_icd.json). Does nothing when both are already there.
set -euo pipefail

missing=()
if ! dpkg-query -W -f='${Status}' libvulkan1 2>/dev/null | grep -q 'install ok installed'; then
  missing+=(libvulkan1)
fi
if [[ ! -f /usr/lib/chromium/vk_swiftshader_icd.json ]]; then
  missing+=(chromium)
fi
if ((${#missing[@]} == 0)); then
  echo "install-webgpu: libvulkan1 and chromium's SwiftShader are already installed"
  exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
echo "install-webgpu: installing ${missing[*]}"
# --no-install-recommends: libvulkan1 recommends mesa-vulkan-drivers, whose ICDs Dawn does not
# use here (bookworm's lavapipe is rejected) and whose device-select layer only adds noise.
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
test -f /usr/lib/chromium/vk_swiftshader_icd.json
