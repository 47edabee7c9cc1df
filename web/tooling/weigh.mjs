// `npm run weigh` (after a build): each page's JavaScript and CSS, gzipped,
// as the browser loads it: the page's entry chunk, every chunk it imports,
// and for the join page the call it loads with import() once a token is granted.
// Prints JSON: {"meetings": {"jsKB", "cssKB", "totalKB"}, "join": {...}}.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const dist = new URL("../dist/", import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(dist, ".vite/manifest.json"), "utf8"));
const pages = { meetings: "meetings/index.html", join: "join/index.html" };

function closure(key, withDynamic, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  const chunk = manifest[key];
  for (const next of [...(chunk.imports ?? []), ...(withDynamic ? chunk.dynamicImports ?? [] : [])]) {
    closure(next, withDynamic, seen);
  }
  return seen;
}

const kb = (file) => gzipSync(readFileSync(join(dist, file)), { level: 6 }).length / 1024;
const result = {};
for (const [page, entry] of Object.entries(pages)) {
  const files = { js: new Set(), css: new Set() };
  for (const key of closure(entry, page === "join")) {
    const chunk = manifest[key];
    if (chunk.file.endsWith(".js")) files.js.add(chunk.file);
    for (const css of chunk.css ?? []) files.css.add(css);
  }
  const js = [...files.js].reduce((sum, f) => sum + kb(f), 0);
  const css = [...files.css].reduce((sum, f) => sum + kb(f), 0);
  result[page] = { jsKB: +js.toFixed(1), cssKB: +css.toFixed(1), totalKB: +(js + css).toFixed(1) };
}
console.log(JSON.stringify(result, null, 2));
