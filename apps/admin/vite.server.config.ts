import path from "node:path";
import { defineConfig, type Plugin } from "vite";

// The admin server process compiled ahead of time (`npm run build`, after the Remix build), so that
// production runs plain JavaScript under `node` with no TypeScript loader (ADR 022). Vite's SSR
// build bundles our own workspace packages (they are TypeScript sources) and leaves every
// dependency in node_modules external, to be loaded by Node as usual.

const outDir = "build/admin-server";

export default defineConfig({
  // The pages' static files are the Remix build's business.
  publicDir: false,
  build: {
    ssr: "server/main.ts",
    outDir,
    emptyOutDir: true,
    target: "node20",
    // Readable stack traces in the logs: names and structure stay as written.
    minify: false,
    sourcemap: true,
    rollupOptions: { output: { entryFileNames: "main.js" } },
  },
  plugins: [sourceRelativeImportMetaUrl()],
});

/**
 * Modules find files relative to themselves (`new URL("../build", import.meta.url)` in
 * server/app.ts, the repository root in packages/db). Bundled, `import.meta.url` would be the
 * bundle's: each of our modules gets its own source location back instead, expressed relative to
 * the bundle so the build keeps working wherever the repository is checked out.
 */
function sourceRelativeImportMetaUrl(): Plugin {
  let bundleDir = "";
  return {
    name: "tenantpilot:source-relative-import-meta-url",
    configResolved(config) {
      bundleDir = path.resolve(config.root, outDir);
    },
    transform(code, id) {
      if (id.includes("/node_modules/") || !code.includes("import.meta.url")) return null;
      const file = id.split("?")[0]!;
      const relative = path.relative(bundleDir, file).split(path.sep).join("/");
      return { code: code.replaceAll("import.meta.url", `new URL(${JSON.stringify(relative)}, import.meta.url).href`), map: null };
    },
  };
}
