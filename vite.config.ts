import { defineConfig } from 'vite';

// three's WebGPU build is large: bundling the dependencies when the server starts, rather
// than when the page first asks for them, spares the page a reload mid-start.
export default defineConfig({
  // The app's bundle has its own folder: dist/cli holds the command line's build.
  build: { outDir: 'dist/app' },
  optimizeDeps: {
    include: [
      'three',
      'three/webgpu',
      'three/tsl',
      'three/addons/controls/OrbitControls.js',
      'lil-gui',
    ],
  },
});
