// The pages' routes from web/pages.json, the list CloudFront's rewrite function and
// the local server (`make dev`) are made from: `npm run dev` serves each route's
// page and redirect the same way, and the build takes its inputs from it.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Plugin } from "vite";

interface PageRoute {
  path: string; // /join/{roomName}: a {name} is one path segment
  html: string; // join/index.html, under dist/
  entry?: string; // Vite's input name, for pages built from web/<html>
}

interface PageList {
  redirects: Record<string, string>;
  pages: PageRoute[];
}

const WEB = resolve(import.meta.dirname, "..");
const PARAMETER = /^\{[A-Za-z_][A-Za-z0-9_]*\}$/;

export function pageList(): PageList {
  return JSON.parse(readFileSync(resolve(WEB, "pages.json"), "utf8")) as PageList;
}

// The same pattern devserver/pages.py writes for CloudFront: a trailing slash allowed.
export function pagePattern(path: string): RegExp {
  const segments = path
    .replace(/^\/|\/$/g, "")
    .split("/")
    .map((s) => (PARAMETER.test(s) ? "[^/]+" : s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  return new RegExp(`^/${segments.join("/")}/?$`);
}

// Vite's build inputs: the pages it builds (the docs page is copied, not built).
export function pageInputs(): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const page of pageList().pages) {
    if (page.entry) inputs[page.entry] = resolve(WEB, page.html);
  }
  return inputs;
}

export function pageRoutes(): Plugin {
  const { redirects, pages } = pageList();
  // Only the pages Vite builds: the rest (/api/docs) goes to `make dev` through the proxy.
  const built = pages
    .filter((p) => p.entry)
    .map((p) => ({ pattern: pagePattern(p.path), html: p.html }));
  return {
    name: "page-routes",
    apply: "serve",
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = req.url?.split("?")[0] ?? "";
        const query = req.url?.slice(path.length) ?? "";
        const target = Object.hasOwn(redirects, path) ? redirects[path] : undefined;
        if (target !== undefined) {
          res.writeHead(302, { Location: target }).end();
          return;
        }
        const page = built.find((p) => p.pattern.test(path));
        if (page) req.url = `/${page.html}${query}`;
        next();
      });
    },
  };
}
