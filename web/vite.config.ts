import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { pageHead } from "./tooling/page-head.ts";
import { pageInputs, pageRoutes } from "./tooling/page-routes.ts";
import { swaggerDocs } from "./tooling/swagger-docs.ts";

// One HTML entry per route, as web/pages.json lists them: S3/CloudFront and the
// dev servers map /meetings and /join/{roomName} onto these files.
export default defineConfig({
  base: "/",
  plugins: [react(), pageHead(), swaggerDocs(), pageRoutes()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsDir: "assets",
    // dist/.vite/manifest.json: the chunk graph `npm run weigh` reads.
    manifest: true,
    // livekit-client ships as one ~520 KB module and cannot be split further;
    // the real limit is the gzipped budget that tests/browser enforces.
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      input: pageInputs(),
      output: {
        // React is shared by both pages: one named, long-cached chunk.
        codeSplitting: {
          groups: [{ name: "react", test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ }],
        },
      },
    },
  },
  server: {
    // `npm run dev` against a running `make dev` on :3000.
    proxy: { "/api": "http://localhost:3000" },
  },
});
