import { defineConfig } from "vitest/config";
import path from "node:path";

const alias = { "@": path.resolve(import.meta.dirname) };
const exclude = ["node_modules/**", ".next/**", ".data/**", "e2e/**"];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      // Unit files include in-memory repository round trips: 5 s (the default) is too tight on two busy cores.
      { resolve: { alias }, test: { name: "unit", include: ["**/*.test.ts"], exclude: [...exclude, "**/*.int.test.ts"], testTimeout: 30_000 } },
      {
        resolve: { alias },
        test: {
          name: "int",
          include: ["**/*.int.test.ts"],
          exclude,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Integration files share two cores with real database servers: run them one file at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
