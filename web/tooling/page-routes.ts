// `npm run dev` only: serve each route's page the way CloudFront and the
// dev server do (/meetings and /join/{roomName} map onto one HTML file each).
import type { Plugin } from "vite";

export function pageRoutes(): Plugin {
  return {
    name: "page-routes",
    apply: "serve",
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const path = req.url?.split("?")[0] ?? "";
        const query = req.url?.slice(path.length) ?? "";
        if (path === "/meetings" || path === "/meetings/") {
          req.url = `/meetings/index.html${query}`;
        } else if (/^\/join\/[^/]+\/?$/.test(path)) {
          req.url = `/join/index.html${query}`;
        }
        next();
      });
    },
  };
}
