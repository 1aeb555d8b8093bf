import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

/** The slow files that drive Chromium (test/browser, the e2e page) or WebGPU on SwiftShader (test/session/webgpu). */
const BROWSER = ['test/browser/**/*.test.ts', 'test/e2e/page.test.ts', 'test/session/webgpu/**/*.test.ts'];

export default defineConfig({
  // examples/ imports the package by its name, as its users do (tsconfig.json's "paths" for tsc and tsx)
  resolve: {
    alias: [
      { find: /^tf1-ts\/examples\/tutorials\/mnist$/, replacement: fileURLToPath(new URL('./src/examples/tutorials/mnist/index.ts', import.meta.url)) },
      { find: /^tf1-ts$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
    ],
  },
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // `vitest run` runs both; `--project unit` (npm run test:unit) and `--project browser` (npm run test:browser) one.
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...BROWSER] } },
      { extends: true, test: { name: 'browser', include: BROWSER } },
    ],
  },
});
