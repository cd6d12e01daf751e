import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

const root = fileURLToPath(new URL(".", import.meta.url));

// The app is served by `accord serve` from dist/web; everything it needs is bundled (no
// CDN, no fonts), and nothing is inlined into index.html, so the CSP can forbid inline scripts.
export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("../dist/web", import.meta.url)),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    sourcemap: true,
  },
  server: { proxy: { "/api": "http://localhost:3000" } },
});
