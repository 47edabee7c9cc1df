import { defineConfig } from "vitest/config";

// The pure modules' tests (src/**/*.test.ts), in Node. Times are formatted in
// UTC and en-US so that expectations do not depend on the machine.
process.env.TZ = "UTC";
process.env.LANG = "en_US.UTF-8";

export default defineConfig({
  test: { include: ["src/**/*.test.ts"], environment: "node" },
});
