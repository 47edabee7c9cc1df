// The head every page shares (viewport, colour scheme, icon, manifest), added
// to each HTML entry at build and in `npm run dev`, so that the entries hold
// only what is their own: the title and the script.
import type { HtmlTagDescriptor, Plugin } from "vite";

const meta = (attrs: Record<string, string>): HtmlTagDescriptor => ({
  tag: "meta",
  attrs,
  injectTo: "head-prepend",
});

export const SHARED_HEAD: HtmlTagDescriptor[] = [
  meta({ charset: "utf-8" }),
  meta({ name: "viewport", content: "width=device-width, initial-scale=1" }),
  meta({ name: "color-scheme", content: "dark light" }),
  meta({ name: "application-name", content: "LiveKit Meet" }),
  meta({ name: "theme-color", content: "#f4f5f8", media: "(prefers-color-scheme: light)" }),
  meta({ name: "theme-color", content: "#0f1115", media: "(prefers-color-scheme: dark)" }),
  { tag: "link", attrs: { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" }, injectTo: "head-prepend" },
  { tag: "link", attrs: { rel: "manifest", href: "/manifest.webmanifest" }, injectTo: "head-prepend" },
];

export function pageHead(): Plugin {
  return { name: "page-head", transformIndexHtml: () => SHARED_HEAD };
}
