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
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      // Typed rules read each file's own tsconfig (the package's, or the root one for tests and scripts).
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      // It reported assertions that tsc requires on Prisma query results (a findMany selection's JSON column, a
      // report's rows) and its --fix removed them, breaking the build; tsc stays the judge of assertions.
      "@typescript-eslint/no-unnecessary-type-assertion": "off",
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
    // Remix's loaders and actions answer by throwing a Response (redirect, 404): that is the idiom, not an error.
    files: ["apps/admin/app/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/only-throw-error": ["error", { allow: [{ from: "lib", name: "Response" }, { from: "package", package: "@remix-run/server-runtime", name: "TypedResponse" }, { from: "package", package: "@remix-run/router", name: "DataWithResponseInit" }] }],
    },
  },
  {
    // Tests compare with vitest's asymmetric matchers (expect.any, expect.objectContaining), which are typed `any`,
    // and hand async callbacks to APIs that accept them; the type-aware rules about `any` would flag every assertion.
    files: ["**/test/**/*.{ts,tsx}", "tests/**/*.{ts,tsx}", "**/*.test-d.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/require-await": "off",
      "@typescript-eslint/unbound-method": "off",
      "@typescript-eslint/no-misused-promises": "off",
    },
  },
  {
    // Plain JavaScript (this file, build configs) is outside the TypeScript projects.
    files: ["**/*.{js,mjs,cjs}"],
    ...tseslint.configs.disableTypeChecked,
  },
  // Import boundaries: the layering, as configuration. Lower layers never import higher ones; the contract
  // and the UI are browser-safe and take an allowlist (anything new must be added here, on purpose).
  restrictImports("packages/db/src/**", ["@tenantpilot/*"], "packages/db is the bottom layer: it imports no other package of ours."),
  allowOnlyImports(
    "packages/dispatch-gate/src/contract/**",
    ["zod"],
    "The contract is browser-safe: zod and its own files only (no node:*, no database, no other package).",
  ),
  restrictImports(
    "packages/dispatch-gate/src/**",
    upper("api", "auth", "provider-graph", "observability", "ui", "client", "admin", "worker"),
    "The gate sits above the database only: it never imports the API, auth, the provider, the UI or an app.",
    ["packages/dispatch-gate/src/contract/**"],
  ),
  restrictImports(
    "packages/{auth,provider-graph,observability}/src/**",
    upper("api", "ui", "client", "admin", "worker"),
    "auth, the provider and observability serve the API and the apps; they never import them.",
  ),
  restrictImports("packages/api/src/**", upper("ui", "client", "admin", "worker"), "The API never imports the UI, the CLI or an app."),
  restrictImports("apps/worker/src/**", upper("api", "ui", "client", "admin"), "The worker runs on the gate, the provider and the database, never on the API or the UI."),
  allowOnlyImports(
    "packages/ui/src/**",
    ["react", "react/jsx-runtime", "@tenantpilot/dispatch-gate/contract"],
    "packages/ui receives data: React, the browser-safe contract and its own files only.",
  ),
  {
    files: ["packages/ui/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
  },
);

/** The workspace packages above a layer, as import patterns. */
function upper(...names) {
  return names.flatMap((name) => [`@tenantpilot/${name}`, `@tenantpilot/${name}/*`]);
}

/** Only these modules and the files' own (relative) ones: anything new is refused until added on purpose. */
function allowOnlyImports(files, modules, message) {
  const allowed = modules.map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("|");
  return {
    files: [files],
    rules: { "no-restricted-imports": ["error", { patterns: [{ regex: `^(?!(?:${allowed})$|\\.{1,2}/)`, message }] }] },
  };
}

function restrictImports(files, group, message, ignores = []) {
  return {
    files: [files],
    ignores,
    rules: { "no-restricted-imports": ["error", { patterns: [{ group, message }] }] },
  };
}
