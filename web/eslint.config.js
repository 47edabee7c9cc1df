// ESLint for the pages: typescript-eslint, React's hook rules and jsx-a11y, each
// with its recommended rules. `npm run lint`; `make web-check` runs it.
import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  // Generated from openapi.json (`make api-types`).
  { ignores: ["dist", "src/shared/api-types.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  reactHooks.configs.flat.recommended,
  jsxA11y.flatConfigs.recommended,
  {
    files: ["src/**/*.{ts,tsx}"],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ["tooling/**", "*.config.{js,ts}"],
    languageOptions: { globals: globals.node },
  },
);
