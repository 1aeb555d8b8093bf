import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireDevice, RAISED_LIMITS, type GpuContext } from '../../../src/session/webgpu/device.js';

// No silent skip: every kernel test depends on a device, and CI installs one.
const NO_ADAPTER =
  "No WebGPU adapter found. On a machine without a GPU, WebGPU runs on Chromium's SwiftShader: " +
  'run `bash .ci/install-webgpu.sh` (apt-get install -y libvulkan1 chromium), or set ' +
  'VK_ICD_FILENAMES to a working Vulkan ICD json (e.g. /usr/lib/chromium/vk_swiftshader_icd.json).';

const ADD_WGSL = /* wgsl */ `
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> c: array<f32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3u) {
  if (id.x < arrayLength(&c)) { c[id.x] = a[id.x] + b[id.x]; }
}`;

let ctx: GpuContext | null = null;

function context(): GpuContext {
  if (!ctx) throw new Error(NO_ADAPTER);
  return ctx;
}

function upload(device: GPUDevice, data: Float32Array): GPUBuffer {
  const buffer = device.createBuffer({ size: data.byteLength, usage: GPUBufferUsage.STORAGE, mappedAtCreation: true });
  new Float32Array(buffer.getMappedRange()).set(data);
  buffer.unmap();
  return buffer;
}

async function addOnGpu(device: GPUDevice, a: Float32Array, b: Float32Array): Promise<Float32Array> {
  const bytes = a.byteLength;
  const out = device.createBuffer({ size: bytes, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
  const readback = device.createBuffer({ size: bytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const module = device.createShaderModule({ code: ADD_WGSL });
  const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
  const entries = [upload(device, a), upload(device, b), out].map((buffer, binding) => ({ binding, resource: { buffer } }));
  const bindGroup = device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries });
  const encoder = device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, bindGroup);
  pass.dispatchWorkgroups(Math.ceil(a.length / 64));
  pass.end();
  encoder.copyBufferToBuffer(out, 0, readback, 0, bytes);
  device.queue.submit([encoder.finish()]);
  await readback.mapAsync(GPUMapMode.READ);
  const result = new Float32Array(readback.getMappedRange().slice(0));
  readback.unmap();
  return result;
}

describe('acquireDevice', () => {
  beforeAll(async () => {
    ctx = await acquireDevice();
  });

  afterAll(() => {
    ctx?.device.destroy();
  });

  it('finds an adapter and a device with the raised limits', () => {
    const { adapter, device, description, lost } = context();
    expect(description.length).toBeGreaterThan(0);
    expect(lost).toBeNull();
    for (const name of RAISED_LIMITS) expect(device.limits[name], name).toBe(adapter.limits[name]);
  });

  it('runs a WGSL compute shader and reads the result back', async () => {
    const { device } = context();
    const n = 1000; // not a multiple of the workgroup size, so the bounds check matters
    const a = Float32Array.from({ length: n }, (_, i) => Math.sin(i) * 1e3);
    const b = Float32Array.from({ length: n }, (_, i) => i / 7 - 50);
    device.pushErrorScope('validation');
    const c = await addOnGpu(device, a, b);
    const error = await device.popErrorScope();
    expect(error?.message ?? null).toBeNull();
    const expected = Float32Array.from(a, (x, i) => x + b[i]!);
    expect(Array.from(c)).toEqual(Array.from(expected));
  });

  it('with requireHardware, refuses a CPU adapter and accepts a GPU', async () => {
    const { isFallback } = context();
    const hardware = await acquireDevice({ requireHardware: true });
    try {
      if (isFallback) expect(hardware).toBeNull();
      else expect(hardware?.isFallback).toBe(false);
    } finally {
      hardware?.device.destroy();
    }
  });

  it('records device loss on the context', async () => {
    context();
    const other = await acquireDevice();
    if (!other) throw new Error(NO_ADAPTER);
    expect(other.lost).toBeNull();
    other.device.destroy();
    await other.device.lost;
    await new Promise((resolve) => setTimeout(resolve, 0)); // let every `lost` handler run
    expect(other.lost).toMatch(/^destroyed: /);
  });
});
