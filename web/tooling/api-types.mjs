// Generates src/shared/api-types.ts from openapi.json (written by
// `python -m scripts.openapi`). With --check, fails instead when the file on
// disk differs from what would be generated: `make web-check` runs it.
import { readFile, writeFile } from "node:fs/promises";
import openapiTS, { astToString } from "openapi-typescript";

const source = new URL("../openapi.json", import.meta.url);
const target = new URL("../src/shared/api-types.ts", import.meta.url);
const header =
  "// Generated from web/openapi.json by web/tooling/api-types.mjs (`make api-types`): do not edit.\n\n";

// A default does not make a request field required (the server fills it in).
const generated = header + astToString(await openapiTS(source, { defaultNonNullable: false }));

if (process.argv.includes("--check")) {
  const current = await readFile(target, "utf8").catch(() => "");
  if (current !== generated) {
    console.error("web/src/shared/api-types.ts is stale: run `make api-types`");
    process.exit(1);
  }
} else {
  await writeFile(target, generated);
}
