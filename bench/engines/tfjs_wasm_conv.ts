import type * as tfc from '@tensorflow/tfjs-core';

/**
 * tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter kernel (tensorflow/tfjs#8474, open), so training any tfjs model
 * with a convolution throws "Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm'". For the `deep` workload
 * the bench registers one that runs the wasm backend's own Conv3DBackpropFilterV2 kernel on the same data viewed with
 * a depth of 1 (NHWC, stride 1, no dilation, as mnist_deep's convolutions are). Returns whether it registered it (false where
 * the backend has its own). `shimTime.ms` sums the milliseconds spent in it.
 */
export const shimTime = { ms: 0 };

export function registerWasmConv2DBackpropFilter(tf: typeof tfc): boolean {
  if (tf.getKernel('Conv2DBackpropFilter', 'wasm')) return false;
  const conv3d = tf.getKernel('Conv3DBackpropFilterV2', 'wasm');
  if (!conv3d) throw new Error('tfjs-backend-wasm has neither Conv2DBackpropFilter nor Conv3DBackpropFilterV2');
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, dy } = inputs as { x: tfc.TensorInfo; dy: tfc.TensorInfo };
      const { strides, pad, filterShape, dataFormat } = attrs as unknown as tfc.Conv2DBackpropFilterAttrs;
      if (dataFormat !== 'NHWC') throw new Error(`the bench's Conv2DBackpropFilter for wasm takes NHWC, got ${dataFormat}`);
      const [sh, sw] = typeof strides === 'number' ? [strides, strides] : strides;
      // checked against tfjs-cpu's Conv2DBackpropFilter for stride 1 (SAME, VALID); with stride 2 they differ
      if (sh !== 1 || sw !== 1) throw new Error(`the bench's Conv2DBackpropFilter for wasm takes stride 1, got ${sh}, ${sw}`);
      // the kernel reads its operands by dataId: a depth-1 view is the same data with a 5-D shape
      const x5 = { ...x, shape: [x.shape[0]!, 1, ...x.shape.slice(1)] };
      const dy5 = { ...dy, shape: [dy.shape[0]!, 1, ...dy.shape.slice(1)] };
      const t = performance.now();
      const dw = conv3d.kernelFunc({
        inputs: { x: x5, dy: dy5 },
        backend,
        attrs: { strides: [1, sh, sw], pad, filterShape: [1, ...filterShape] },
      }) as tfc.TensorInfo;
      shimTime.ms += performance.now() - t;
      return { ...dw, shape: [...filterShape] };
    },
  });
  return true;
}
