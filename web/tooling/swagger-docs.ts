// Emits the offline Swagger UI served at /api/docs. The page is reached
// without a trailing slash, so every reference is absolute; the initialiser
// is a separate file so the page carries no inline script.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Plugin } from "vite";

const DOCS_DIR = "api/docs";

const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>LiveKit Meet API</title>
    <link rel="stylesheet" href="/${DOCS_DIR}/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/${DOCS_DIR}/swagger-ui-bundle.js"></script>
    <script src="/${DOCS_DIR}/init.js"></script>
  </body>
</html>
`;

// validatorUrl: null stops Swagger UI from calling validator.swagger.io,
// which would be an external request and fails offline.
const INIT_JS = `window.ui = SwaggerUIBundle({
  url: "/api/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
});
`;

export function swaggerDocs(): Plugin {
  const require = createRequire(import.meta.url);
  const distDir = dirname(require.resolve("swagger-ui-dist/package.json"));
  return {
    name: "swagger-docs",
    apply: "build",
    generateBundle() {
      const copy = (name: string) =>
        this.emitFile({
          type: "asset",
          fileName: `${DOCS_DIR}/${name}`,
          source: readFileSync(join(distDir, name)),
        });
      copy("swagger-ui-bundle.js");
      copy("swagger-ui.css");
      this.emitFile({ type: "asset", fileName: `${DOCS_DIR}/index.html`, source: INDEX_HTML });
      this.emitFile({ type: "asset", fileName: `${DOCS_DIR}/init.js`, source: INIT_JS });
    },
  };
}
