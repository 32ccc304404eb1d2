// Starts a fresh Tidemark for the e2e run: a new metadata database on the local PostgreSQL, then `npm start`'s script.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { dropPgDatabase, pgUrlFor, withPgAdmin } from "../test/support/databases";
import { E2E_ADMIN, E2E_DATA_DIR, E2E_DATABASE, E2E_PORT } from "./settings";

await dropPgDatabase(E2E_DATABASE);
await withPgAdmin((c) => c.query(`CREATE DATABASE "${E2E_DATABASE}"`));
rmSync(E2E_DATA_DIR, { recursive: true, force: true });

const child = spawn(process.execPath, ["--import", "tsx", path.resolve(import.meta.dirname, "../scripts/start.ts")], {
  stdio: "inherit",
  env: {
    ...process.env,
    DATABASE_URL: pgUrlFor(E2E_DATABASE),
    TIDEMARK_DATA_DIR: E2E_DATA_DIR,
    TIDEMARK_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
    PORT: String(E2E_PORT),
    HOST: "127.0.0.1",
    ADMIN_EMAIL: E2E_ADMIN.email,
    ADMIN_PASSWORD: E2E_ADMIN.password,
    TIDEMARK_DEMO: "1",
  },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
