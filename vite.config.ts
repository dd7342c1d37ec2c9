// Builds the renderer (src-renderer) into dist/renderer with relative paths, so the same files load from
// file:// in Electron and from the headless host over http://127.0.0.1.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
  },
});
