import { defineConfig } from 'vite';

// The command line's build: the same TypeScript and WGSL as the app (shaders come in through
// `?raw`, which plain Node cannot load), bundled for Node into dist/cli/. Dependencies stay
// external and load from node_modules; `webgpu` must, as it is a native module.
export default defineConfig({
  publicDir: false,
  logLevel: 'warn',
  build: {
    ssr: true,
    outDir: 'dist/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rolldownOptions: {
      input: { main: 'src/cli/main.ts', probe: 'src/cli/probe.ts' },
      output: { entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs' },
      external: ['webgpu'],
    },
  },
});
