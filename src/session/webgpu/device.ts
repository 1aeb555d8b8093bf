/// <reference types="@webgpu/types" />
// Device acquisition for the WebGPU backend: `navigator.gpu` in a browser, Dawn's Node
// bindings (the npm package `webgpu`) in Node, with Chromium's SwiftShader as the Vulkan
// device of last resort on machines without a GPU.

/** A WebGPU device together with the adapter and GPU object it came from. */
export interface GpuContext {
  /** Kept referenced on purpose: if Dawn's GPU object is collected while a device lives, the process aborts. */
  readonly gpu: GPU;
  /** The adapter the device was requested from. */
  readonly adapter: GPUAdapter;
  /** The device, with the limits in RAISED_LIMITS raised to the adapter's maxima. */
  readonly device: GPUDevice;
  /** True on a CPU (software) adapter such as SwiftShader. */
  readonly isFallback: boolean;
  /** One human-readable line naming the adapter. */
  readonly description: string;
  /** `reason: message` once `device.lost` has resolved; null while the device is usable. */
  lost: string | null;
}

/** Options of acquireDevice. */
export interface AcquireOptions {
  /** Return null rather than a CPU (fallback) adapter: the default session prefers the CPU backend then. */
  requireHardware?: boolean;
}

/** The limits the backend needs above WebGPU's defaults; each is raised to the adapter's maximum. */
export const RAISED_LIMITS = ['maxStorageBufferBindingSize', 'maxBufferSize', 'maxComputeWorkgroupStorageSize', 'maxComputeInvocationsPerWorkgroup'] as const;

// Where distributions put Chromium's SwiftShader ICD (Debian first: that is what CI installs).
const SWIFTSHADER_ICDS = [
  '/usr/lib/chromium/vk_swiftshader_icd.json',
  '/usr/lib64/chromium-browser/vk_swiftshader_icd.json',
  '/usr/lib/chromium-browser/vk_swiftshader_icd.json',
];

const ADAPTER_OPTIONS: GPURequestAdapterOptions = { powerPreference: 'high-performance' };

// Every Dawn GPU object this module creates, never released. A device keeps no reference to
// the GPU object that made it, and collecting that object while any device JS object is still
// reachable (even a destroyed one) aborts the process ("futex facility returned an unexpected
// error code" / std::system_error). There are at most two per process, so holding them costs
// nothing; GpuContext.gpu holds its own as well.
const keepAlive: GPU[] = [];

// The Node GPU object chosen once per process (see chooseNodeGpu); null without the package `webgpu`.
let nodeGpu: Promise<GPU | null> | undefined;
// Set when Node could not find the optional package `webgpu`.
let packageMissing = false;

/** What a Node process without the optional package `webgpu` lacks, and how to get it. */
export const WEBGPU_PACKAGE_MISSING =
  "WebGPU in Node needs the optional package 'webgpu' (Dawn's Node bindings, about 130 MB), which is not installed: npm install webgpu";

/** True once acquireDevice found, in Node, that the optional package `webgpu` is not installed. */
export function webgpuPackageMissing(): boolean {
  return packageMissing;
}

/** Acquires a WebGPU device; null when there is no adapter, or only a CPU one and `requireHardware` is set. */
export async function acquireDevice(opts: AcquireOptions = {}): Promise<GpuContext | null> {
  const gpu = await findGpu();
  if (!gpu) return null;
  const adapter = await gpu.requestAdapter(ADAPTER_OPTIONS);
  if (!adapter) return null;
  const isFallback = isFallbackAdapter(adapter);
  if (isFallback && opts.requireHardware) return null;
  const requiredLimits: Record<string, number> = {};
  for (const name of RAISED_LIMITS) requiredLimits[name] = adapter.limits[name];
  // A failing requestDevice on an adapter that exists is a real error, so it propagates.
  // Timestamp queries time each op of a traced run (step stats), where the adapter has them.
  const requiredFeatures: GPUFeatureName[] = adapter.features.has('timestamp-query') ? ['timestamp-query'] : [];
  const device = await adapter.requestDevice({ label: 'tf1-ts', requiredLimits, requiredFeatures });
  const ctx: GpuContext = { gpu, adapter, device, isFallback, description: describeAdapter(adapter, isFallback), lost: null };
  void device.lost.then((info) => {
    ctx.lost = `${info.reason}: ${info.message}`;
  });
  return ctx;
}

async function findGpu(): Promise<GPU | null> {
  // Browsers (and runtimes that ship WebGPU) first; headless Chromium needs --enable-unsafe-webgpu.
  if (typeof navigator !== 'undefined' && navigator.gpu) return navigator.gpu;
  if (typeof process === 'undefined' || !process.versions?.node) return null;
  nodeGpu ??= chooseNodeGpu();
  return nodeGpu;
}

// A computed specifier, so bundlers leave Node-only modules out of the browser bundle.
async function importNodeOnly<T>(specifier: string): Promise<T> {
  return (await import(/* @vite-ignore */ specifier)) as T;
}

// Which Vulkan driver Dawn should use. We cannot decide by looking for ICD files: Debian's
// libvulkan1 recommends mesa-vulkan-drivers, which installs Intel, Radeon and lavapipe ICDs on
// every machine, GPU or not, and bookworm's lavapipe is rejected by Dawn ("Vulkan
// shaderUniform*ArrayDynamicIndexing required"). So: a VK_ICD_FILENAMES / VK_DRIVER_FILES the
// user set is obeyed as is; otherwise the system's own drivers are tried first, so a real GPU
// always wins, and only when they yield no adapter at all is the loader pointed at SwiftShader,
// in a fresh Dawn instance (the loader reads the variable at each vkCreateInstance; checked).
// The variable stays set for the process and its children, so later instances agree.
async function chooseNodeGpu(): Promise<GPU | null> {
  let webgpu: typeof import('webgpu');
  try {
    webgpu = await importNodeOnly<typeof import('webgpu')>('webgpu');
  } catch (e) {
    // Only the package itself missing means "no WebGPU here"; a package that fails to load is a real error.
    const { code, message } = e as { code?: string; message?: string };
    if (code !== 'ERR_MODULE_NOT_FOUND' || !message?.includes("'webgpu'")) throw e;
    packageMissing = true;
    return null;
  }
  const { create, globals } = webgpu;
  // Node lacks GPUBufferUsage, GPUMapMode, ...; install Dawn's so backend code reads as in a browser.
  const global = globalThis as Record<string, unknown>;
  for (const [name, value] of Object.entries(globals)) if (!(name in global)) global[name] = value;
  const make = (): GPU => {
    const gpu = create([]);
    keepAlive.push(gpu);
    return gpu;
  };
  const env = process.env;
  // Without XDG_RUNTIME_DIR (headless, CI) Mesa's device-select layer can only print errors; it orders GPUs
  // for a desktop session, which such a process does not have.
  if (!env.XDG_RUNTIME_DIR) env.NODEVICE_SELECT ??= '1';
  const system = make();
  if (env.VK_ICD_FILENAMES || env.VK_DRIVER_FILES) return system;
  if (await system.requestAdapter(ADAPTER_OPTIONS)) return system;
  const { existsSync } = await importNodeOnly<typeof import('node:fs')>('node:fs');
  const icd = SWIFTSHADER_ICDS.find((path) => existsSync(path));
  if (!icd) return system;
  env.VK_ICD_FILENAMES = icd;
  // Mesa's device-select layer, when installed, only prints XDG_RUNTIME_DIR errors here.
  env.NODEVICE_SELECT ??= '1';
  return make();
}

function isFallbackAdapter(adapter: GPUAdapter): boolean {
  // `info.isFallbackAdapter` is current; `adapter.isFallbackAdapter` is what older browsers have.
  const legacy = (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter;
  const { info } = adapter;
  if (info.isFallbackAdapter === true || legacy === true) return true;
  const text = `${info.vendor} ${info.architecture} ${info.device} ${info.description}`;
  return /swiftshader|llvmpipe|lavapipe|microsoft basic render/i.test(text);
}

function describeAdapter(adapter: GPUAdapter, isFallback: boolean): string {
  const { vendor, architecture, device, description } = adapter.info;
  const details = [vendor, architecture, device].filter(Boolean).join(' ');
  const kind = isFallback ? 'fallback' : 'hardware';
  return `${description || 'WebGPU adapter'} (${details ? `${details}, ` : ''}${kind})`;
}
