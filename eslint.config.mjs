// Lint rules, and the import boundaries of CONVENTIONS.md: a wrong import fails `npm run lint`.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const PURE = ["./lib/engine", "./lib/repository", "./lib/codec", "./lib/diff", "./lib/backup"];
const SERVER_ONLY = { name: "server-only", message: "server-only throws outside Next; the worker and CLI load this code." };
const FRAMEWORK = ["next", "next/*", "next-auth", "next-auth/*", "@prisma/*", "pg-boss", "react", "react-dom"];

const config = [
  { ignores: [".next/**", "node_modules/**", "lib/db/generated/**", "next-env.d.ts", ".data/**", "test-results/**", "playwright-report/**"] },
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: "./components",
              from: ["./lib/db", "./lib/jobs", "./lib/engine", "./lib/repository", "./lib/backup", "./lib/setup"],
              message: "Components get data from pages and actions, never from the database, queue or engine directly.",
            },
            {
              target: PURE,
              from: ["./lib/db", "./lib/auth", "./lib/actions", "./lib/jobs", "./app", "./components", "./lib/env.ts"],
              message: "Engine, repository, codec, diff and backup code stays free of the web app, Prisma and the queue, so the CLI and tests use it alone.",
            },
            {
              target: "./lib/jobs/handlers",
              from: ["./lib/auth", "./lib/actions", "./app", "./components"],
              message: "Job handlers run in the worker: no auth, actions or UI.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/jobs/**", "bin/**", "scripts/**", "lib/db/**", "lib/setup/**"],
    rules: { "no-restricted-imports": ["error", { paths: [SERVER_ONLY] }] },
  },
  {
    files: ["lib/engine/**", "lib/repository/**", "lib/codec/**", "lib/diff/**", "lib/backup/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [SERVER_ONLY], patterns: [{ group: FRAMEWORK, message: "No Next.js, React, Prisma or pg-boss in engine/repository/codec/diff/backup code." }] },
      ],
    },
  },
];

export default config;
