import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/build/**",
      "**/dist/**",
      "**/.turbo/**",
      ".data/**",
      "packages/db/src/generated/**",
      "tests/artifacts/**",
      "apps/admin/public/build/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-non-null-assertion": "off",
      // graphile-worker's task typings are a global namespace that interfaces merge into.
      "@typescript-eslint/no-namespace": ["error", { allowDeclarations: true }],
      "@typescript-eslint/no-empty-object-type": ["error", { allowInterfaces: "with-single-extends" }],
      // Tracing with console.log does not ship; real output goes through a logger or stdout.
      "no-console": ["error", { allow: ["error", "warn"] }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name=/^(only|skip|todo)$/]",
          message: "Focused or skipped tests must not be committed.",
        },
      ],
    },
  },
  {
    // The UI package renders data it is given: it must never reach the database or the server.
    files: ["packages/ui/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@tenantpilot/db", "@tenantpilot/db/*", "@tenantpilot/api", "@tenantpilot/api/*", "@tenantpilot/auth", "@tenantpilot/auth/*", "@tenantpilot/provider-graph", "@tenantpilot/provider-graph/*", "pg", "@prisma/*", "graphile-worker", "node:*"],
              message: "packages/ui receives data; server code stays out of it.",
            },
          ],
        },
      ],
    },
  },
);
