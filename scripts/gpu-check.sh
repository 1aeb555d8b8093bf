#!/usr/bin/env bash
# The WebGPU backend on a real GPU: the article's full run (2,501 steps on 5,500 MNIST examples,
# test accuracy every 100 steps) on WebGPU, compared with the CPU backend's run of the same
# model (scripts/gpu-check/cpu_reference.json, made with `npx tsx scripts/gpu_check.ts --backend
# cpu --out ...`), then again with run 4's programs (gpu_check.ts --tuning), plus 201 CPU steps on the same machine for its speed there; where a step's time
# goes (scripts/gpu_step_split.ts: fed images against constants, and a memcmp); then FloorDiv and
# FloorMod near integer quotients on both backends (scripts/gpu_floordiv.ts), and the bench's other
# workloads on WebGPU (scripts/gpu_bench.ts: one JSON line each, as bench/child.ts prints). Where no
# hardware adapter can be had, it says why instead (the Vulkan loader's view of the drivers).
#
# For a machine with no Node, no Vulkan loader and no network (the device tool's GPU machine):
#   here:   bash scripts/gpu-pack.sh          # packs .gpu/ (Node, Dawn, the bundled script, data, loader)
#   there:  bash scripts/gpu-check.sh          # with .gpu carried; results and log under $OUT
# Anywhere with Node and the packages installed, `npx tsx scripts/gpu_check.ts --backend webgpu` does the run alone.
set -uo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-/tmp/gpu-check-out}
work=/tmp/gpu-check
mkdir -p "$out" "$work"
exec > >(tee "$out/gpu-check.log") 2>&1

echo "== unpacking Node, Dawn and the script"
xz -dc .gpu/node.xz > "$work/node" && chmod +x "$work/node"
rm -rf "$work/app" && mkdir -p "$work/app" && cp -r .gpu/node_modules .gpu/gpu_check.mjs .gpu/gpu_bench.mjs .gpu/gpu_floordiv.mjs .gpu/gpu_step_split.mjs "$work/app/"
xz -d "$work/app/node_modules/webgpu/dist/linux-x64/dawn.node.xz"
run() { "$work/node" "$work/app/gpu_check.mjs" "$@"; }
"$work/node" --version

# The README of the device tool: Debian's loader and GL dispatch libraries, unpacked into /.
if [[ -z "${GPU_CHECK_KEEP_SYSTEM:-}" ]]; then
  for f in .gpu/debs/*.deb; do dpkg -x "$f" /; done
  ldconfig
fi

echo "== the machine"
nvidia-smi -L 2>&1 | head -3
ls /dev/nvidia* /dev/dri 2>&1 | tr '\n' ' '; echo
icds=$(ls /usr/share/vulkan/icd.d/*.json /etc/vulkan/icd.d/*.json /usr/local/nvidia/share/vulkan/icd.d/*.json 2>/dev/null)
echo "Vulkan ICDs: ${icds:-none}"
ldconfig -p | grep -E 'libvulkan.so.1|libGLX_nvidia|libnvidia-glcore|libGLdispatch' | sed 's/^/  /'

echo "== looking for a hardware adapter"
nv_icd=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
nv_egl=/usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json
found=0
setting=""
for setting in "" "VK_DRIVER_FILES=$nv_icd VK_ICD_FILENAMES=$nv_icd" "VK_DRIVER_FILES=$nv_icd VK_ICD_FILENAMES=$nv_icd __EGL_VENDOR_LIBRARY_FILENAMES=$nv_egl"; do
  echo "-- with: ${setting:-the loader defaults}"
  if env $setting "$work/node" "$work/app/gpu_check.mjs" --probe; then found=1; break; fi
done
# GPU_CHECK_ALLOW_FALLBACK=1 runs on a CPU adapter too (to try this script on a machine without a GPU).
if [[ $found == 0 && -n "${GPU_CHECK_ALLOW_FALLBACK:-}" ]]; then found=1; setting=""; fi

if [[ $found == 0 ]]; then
  echo "== no hardware adapter: the loader's account (VK_LOADER_DEBUG=error,warn,driver)"
  env VK_DRIVER_FILES=$nv_icd VK_ICD_FILENAMES=$nv_icd VK_LOADER_DEBUG=error,warn,driver "$work/node" "$work/app/gpu_check.mjs" --probe 2>&1 | head -60
  exit 3
fi

steps=${GPU_CHECK_STEPS:-2500}
echo "== the article's run on WebGPU (${setting:-the loader defaults})"
env $setting "$work/node" "$work/app/gpu_check.mjs" --backend webgpu --steps "$steps" \
  ${GPU_CHECK_ALLOW_FALLBACK:+--allow-fallback} --reference scripts/gpu-check/cpu_reference.json --out "$out/webgpu.json"
echo "== the same run with the programs of gpu-check run 4 (GpuTuning splitReduce and splitKParts off: each reduction in one pass, K split within a workgroup only)"
env $setting "$work/node" "$work/app/gpu_check.mjs" --backend webgpu --steps "$steps" --tuning splitReduce=off,splitKParts=off ${GPU_CHECK_ALLOW_FALLBACK:+--allow-fallback} \
  --reference scripts/gpu-check/cpu_reference.json --out "$out/webgpu-run4-programs.json"
echo "== 201 steps on the CPU backend, same machine"
run --backend cpu --steps 200 --reference scripts/gpu-check/cpu_reference.json --out "$out/cpu.json"
echo "== where a step's time goes: fed images (compared each run) against constants, and a bare memcmp"
env $setting "$work/node" "$work/app/gpu_step_split.mjs" --backend webgpu
"$work/node" "$work/app/gpu_step_split.mjs" --backend cpu --steps 200
echo "== FloorDiv and FloorMod near integer quotients, CPU and WebGPU"
env $setting "$work/node" "$work/app/gpu_floordiv.mjs"
echo "== the bench's workloads on WebGPU (${GPU_CHECK_WORKLOADS:=minibatch,full,adam,deep,rnn}), each in a process of its own"
[[ $GPU_CHECK_WORKLOADS == none ]] && GPU_CHECK_WORKLOADS=""
for w in ${GPU_CHECK_WORKLOADS//,/ }; do
  env $setting timeout "${GPU_CHECK_WORKLOAD_S:-60}" "$work/node" "$work/app/gpu_bench.mjs" --backend webgpu --workloads "$w" ${GPU_CHECK_QUICK:+--quick} |
    tee -a "$out/bench.jsonl" || echo "$w: exit ${PIPESTATUS[0]}"
done
