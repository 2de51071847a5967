import { defineConfig } from 'vite';

// three's WebGPU build is large: bundling the dependencies when the server starts, rather
// than when the page first asks for them, spares the page a reload mid-start.
export default defineConfig({
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
