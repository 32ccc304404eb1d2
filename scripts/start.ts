// `npm start`: everything Tidemark needs on one machine — database (embedded unless DATABASE_URL is set),
// migrations, the first admin, demo sources, a build if needed, then the web app and a worker.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { disconnectDb } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { env, reloadEnv, SECRET_FILE } from "../lib/env";
import { buildIsStale, buildWebApp } from "../lib/setup/build";
import { ensureDataDir, secretFile } from "../lib/setup/data-dir";
import { checkReachable, ensureDatabase, startEmbeddedPostgres, type EmbeddedServer } from "../lib/setup/embedded-postgres";
import { ensureDemo, ensureFirstAdmin } from "../lib/setup/first-run";
import { portIsFree } from "../lib/setup/ports";

const root = path.resolve(import.meta.dirname, "..");
const say = (line: string) => console.log(`tidemark: ${line}`);
const children: { name: string; proc: ChildProcess }[] = [];
let embedded: EmbeddedServer | null = null;
let stopping = false;

async function shutdown(code: number): Promise<never> {
  stopping = true;
  for (const { proc } of children) if (proc.exitCode === null) proc.kill("SIGTERM");
  await Promise.all(
    children.map(({ proc }) =>
      proc.exitCode !== null ? undefined : new Promise<void>((resolve) => {
        const force = setTimeout(() => proc.kill("SIGKILL"), 15_000);
        proc.once("exit", () => (clearTimeout(force), resolve()));
      }),
    ),
  );
  await disconnectDb().catch(() => undefined);
  if (embedded) await embedded.stop().catch(() => undefined);
  process.exit(code);
}

async function waitForWeb(url: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await fetch(`${url}/api/health`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new Error(`The web app did not answer on ${url} within ${timeoutMs / 1000} s.`);
}

function launch(name: string, args: string[], childEnv: NodeJS.ProcessEnv) {
  const proc = spawn(process.execPath, args, { cwd: root, env: childEnv, stdio: "inherit" });
  proc.on("exit", (code, signal) => {
    if (stopping) return;
    console.error(`tidemark: the ${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping everything.`);
    void shutdown(1);
  });
  children.push({ name, proc });
}

async function main() {
  process.on("SIGINT", () => void (stopping ? undefined : (say("stopping…"), shutdown(0))));
  process.on("SIGTERM", () => void (stopping ? undefined : shutdown(0)));

  const settings = env();
  const dataDir = path.resolve(root, settings.TIDEMARK_DATA_DIR);
  ensureDataDir(dataDir);
  if (!settings.TIDEMARK_SECRET) {
    const [secret, created] = secretFile(dataDir, SECRET_FILE, 48);
    process.env.TIDEMARK_SECRET = secret;
    if (created) say(`generated TIDEMARK_SECRET into ${path.join(dataDir, SECRET_FILE)} (keep it: it decrypts stored credentials)`);
  }

  const port = settings.PORT;
  if (!(await portIsFree(port, settings.HOST))) {
    throw new Error(`Port ${port} is already in use — stop the program using it, or start with PORT=${port + 1} npm start.`);
  }

  let serverUrl: string;
  if (settings.DATABASE_URL) {
    await checkReachable(settings.DATABASE_URL);
    serverUrl = settings.DATABASE_URL;
    say("using the metadata database from DATABASE_URL");
  } else {
    embedded = await startEmbeddedPostgres(dataDir, settings.EMBEDDED_PG_PORT, say);
    await ensureDatabase(embedded.url("postgres"), "tidemark");
    serverUrl = embedded.url("tidemark");
    process.env.DATABASE_URL = serverUrl;
    say(`embedded PostgreSQL running on 127.0.0.1:${settings.EMBEDDED_PG_PORT} (data in ${path.join(dataDir, "pg")})`);
  }
  const publicHost = settings.HOST === "0.0.0.0" || settings.HOST === "::" ? "localhost" : settings.HOST;
  const url = `http://${publicHost}:${port}`;
  process.env.NEXTAUTH_URL ??= url;
  reloadEnv();

  const applied = await migrate(serverUrl);
  if (applied.length) say(`applied ${applied.length} migration(s)`);
  const admin = await ensureFirstAdmin(dataDir, settings.ADMIN_EMAIL, settings.ADMIN_PASSWORD);
  if (settings.TIDEMARK_DEMO !== false) {
    const added = await ensureDemo(dataDir, serverUrl);
    if (added.length) say(`registered demo sources: ${added.join(", ")} (TIDEMARK_DEMO=0 turns this off)`);
  }
  await disconnectDb();

  const childEnv = { ...process.env, NODE_ENV: "production" as const };
  if (buildIsStale(root)) {
    say("building the web app (first start or changed sources)…");
    buildWebApp(root, childEnv);
  }
  launch("web app", [path.join(root, "node_modules/next/dist/bin/next"), "start", "-H", settings.HOST, "-p", String(port)], childEnv);
  launch("worker", ["--disable-warning=ExperimentalWarning", "--import", "tsx", path.join(root, "bin/worker.ts")], childEnv);
  await waitForWeb(url);

  say(`ready: ${url}`);
  if (admin?.generatedPassword) {
    say(`first admin: ${admin.email} / ${admin.generatedPassword}`);
    say(`(shown once; also in ${admin.passwordFile}, readable only by you)`);
  } else if (admin) {
    say(`first admin: ${admin.email} (password from ADMIN_PASSWORD)`);
  }
  say("press Ctrl-C to stop");
}

main().catch(async (error) => {
  console.error(`tidemark: ${error instanceof Error ? error.message : String(error)}`);
  if (process.env.TIDEMARK_DEBUG) console.error(error);
  await shutdown(1);
});
