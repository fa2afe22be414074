// Lint rules for the whole repository. `npm run lint` runs this and `prettier --check`;
// `npm test` runs the lint first.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import { importX } from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

const root = import.meta.dirname;
const lib = path.join(root, "lib");

/** The lib domain (first folder under lib/) a path lies in, or null for lib's top-level files and lib/generated. */
function domainOf(file) {
  const rel = path.relative(lib, file);
  if (rel.startsWith("..") || path.isAbsolute(rel)) return null;
  const parts = rel.split(path.sep);
  if (parts.length < 2 || parts[0] === "generated") return null;
  return parts[0];
}

/** Where an import specifier points, as an absolute path without extension, or null for packages. */
function targetOf(spec, fromFile) {
  if (spec.startsWith("@/")) return path.join(root, spec.slice(2));
  if (spec.startsWith(".")) return path.resolve(path.dirname(fromFile), spec);
  return null;
}

// A domain's public surface is its index.ts: the modules it re-exports from. Read once per run.
const publicModules = new Map();
function publicSurface(domain) {
  if (!publicModules.has(domain)) {
    const index = path.join(lib, domain, "index.ts");
    const found = new Set();
    if (existsSync(index)) {
      for (const m of readFileSync(index, "utf8").matchAll(/from\s+"(\.\/[^"]+)"/g)) {
        found.add(path.join(lib, domain, m[1]).replace(/\.tsx?$/, ""));
      }
    }
    publicModules.set(domain, found);
  }
  return publicModules.get(domain);
}

// Test code (tests, test helpers and fixtures, lib/testing, the security suite's tables) sets up state in any
// domain, so it may reach inside them; product code may not.
const isTestCode = (file) =>
  /\.test\.tsx?$/.test(file) ||
  /[\\/]test-(helpers|fixture)\.ts$/.test(file) ||
  ["testing", "security"].includes(domainOf(file));

const domainBoundaries = {
  meta: {
    type: "problem",
    docs: { description: "A lib domain imports another only through the modules its index.ts exports." },
    schema: [],
    messages: {
      internal:
        '"{{spec}}" is internal to lib/{{domain}}: import "@/lib/{{domain}}" or a module its index.ts re-exports (add it there if it is meant to be public).',
    },
  },
  create(context) {
    const file = context.filename;
    const own = domainOf(file);
    if (!own || isTestCode(file)) return {};
    function check(node, source) {
      if (!source || typeof source.value !== "string") return;
      const target = targetOf(source.value, file);
      if (!target) return;
      const domain = domainOf(target);
      if (!domain || domain === own) return;
      const bare = target.replace(/\.tsx?$/, "");
      if (bare === path.join(lib, domain) || bare === path.join(lib, domain, "index")) return;
      if (publicSurface(domain).has(bare)) return;
      context.report({ node: source, messageId: "internal", data: { spec: source.value, domain } });
    }
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => node.source.type === "Literal" && check(node, node.source),
    };
  },
};

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      ".next/",
      ".data/",
      "lib/generated/",
      "test-results/",
      "playwright-report/",
      "next-env.d.ts",
      "public/",
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  nextPlugin.configs["core-web-vitals"],
  reactHooks.configs.flat["recommended-latest"],
  {
    plugins: { "import-x": importX, local: { rules: { "domain-boundaries": domainBoundaries } } },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      "import-x/resolver": undefined,
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: path.join(root, "tsconfig.json") })],
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "local/domain-boundaries": "error",
    },
  },
  {
    // lib is used by app and components, never the other way round.
    files: ["lib/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/app", "@/app/*", "**/app/*"], message: "lib never imports app." },
            { group: ["@/components", "@/components/*", "**/components/*"], message: "lib never imports components." },
          ],
        },
      ],
    },
  },
  {
    // Links go through components/ui/link.tsx, which does not prefetch (see there).
    files: ["app/**", "components/**"],
    ignores: ["components/ui/link.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "next/link", message: "Use Link from @/components/ui/link (no prefetching)." }] },
      ],
    },
  },
);
