// The console is built into dist/ and served by the gateway (same origin, so no CORS); in
// development `npx vite` proxies the API to a gateway on :8080.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, target: 'es2022' },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
