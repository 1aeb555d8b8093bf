// Which backend a Session gets: 'cpu', 'webgpu', or 'auto' (WebGPU on a hardware adapter, else the CPU, said once
// per process on stderr).
import { UnimplementedError } from '../framework/errors.js';
import type { Backend, BackendName } from './backend.js';
import { CpuBackend } from './cpu/backend.js';

// Whether 'auto' found no hardware adapter: probed once per process, then the CPU without asking again.
let noHardwareGpu = false;
// The backend 'auto' chose is said once per process, on stderr, so program output stays clean.
let announced = false;
const announce = (choice: string): void => {
  if (!announced) console.warn(`tf1-ts: ${choice}`);
  announced = true;
};

/**
 * Chooses and creates a session's backend. A backend returned synchronously (the CPU's) is ready at once, so the
 * session's first run can start inside its call; the WebGPU module is imported only when asked for.
 */
export function createBackend(requested: BackendName | 'auto'): Backend | Promise<Backend> {
  if (requested === 'cpu' || (requested === 'auto' && noHardwareGpu)) return new CpuBackend();
  return gpuOrCpu(requested);
}

/** The WebGPU backend when there is an adapter (for 'auto', a hardware one), else the CPU for 'auto' and an error for 'webgpu'. */
async function gpuOrCpu(requested: BackendName | 'auto'): Promise<Backend> {
  // Imported on demand, so CPU-only programs and bundles never load the WebGPU backend.
  const { createWebGpuBackend, webgpuPackageMissing, WEBGPU_PACKAGE_MISSING } = await import('./webgpu/backend.js');
  const gpu = await createWebGpuBackend({ requireHardware: requested === 'auto' });
  if (gpu) {
    if (requested === 'auto') announce(`running on ${gpu.description}`);
    return gpu;
  }
  if (requested === 'webgpu') {
    if (webgpuPackageMissing()) throw new UnimplementedError(WEBGPU_PACKAGE_MISSING);
    throw new UnimplementedError(
      'No WebGPU adapter is available. In a browser, use one with WebGPU enabled (headless Chromium needs --enable-unsafe-webgpu); ' +
        'in Node on a machine without a GPU, install libvulkan1 and chromium (for its SwiftShader driver), or set VK_ICD_FILENAMES to a Vulkan ICD.',
    );
  }
  noHardwareGpu = true;
  announce(
    webgpuPackageMissing()
      ? "the optional package 'webgpu' is not installed; running on the CPU backend"
      : 'no hardware WebGPU adapter found; running on the CPU backend',
  );
  return new CpuBackend();
}
