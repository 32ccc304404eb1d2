// What the first start of Tidemark sets up: the first admin, and (unless turned off) the demo sources.
import path from "node:path";
import { hashPassword, randomPassword } from "../auth/password";
import { recordAudit } from "../db/audit";
import { createSourceIfMissing } from "../db/sources";
import { createLocalStorageIfMissing } from "../db/storage";
import { countUsers, createUser } from "../db/users";
import { secretFile, writePrivateFile } from "./data-dir";
import { createDemoPostgres, createDemoSqlite, DEMO_PG_DATABASE } from "./demo-data";

export interface FirstAdmin {
  email: string;
  /** Only when it was generated: shown once, also written to a 0600 file. */
  generatedPassword: string | null;
  passwordFile: string | null;
}

export async function ensureFirstAdmin(dataDir: string, email?: string, password?: string): Promise<FirstAdmin | null> {
  if ((await countUsers()) > 0) return null;
  const adminEmail = email ?? "admin@tidemark.local";
  const generated = password ? null : randomPassword();
  const user = await createUser({ email: adminEmail, name: "Administrator", role: "ADMIN", passwordHash: await hashPassword(password ?? generated!) });
  await recordAudit({ id: null, email: null }, { action: "user.created", targetType: "user", targetId: user.id, details: { email: user.email, role: "ADMIN", by: "first start" } });
  let passwordFile: string | null = null;
  if (generated) {
    passwordFile = path.join(dataDir, "initial-admin.txt");
    writePrivateFile(passwordFile, `Tidemark's first admin\nE-mail:   ${adminEmail}\nPassword: ${generated}\nChange it, then delete this file.\n`);
  }
  return { email: user.email, generatedPassword: generated, passwordFile };
}

/** Creates the demo databases and registers them with a local storage target; harmless to run again. */
export async function ensureDemo(dataDir: string, pgServerUrl: string, demoDatabase = DEMO_PG_DATABASE): Promise<string[]> {
  const created: string[] = [];
  const [passphrase] = secretFile(dataDir, "demo-repository-passphrase");
  const storage = await createLocalStorageIfMissing("Local disk", path.join(dataDir, "repository"), passphrase);

  const demoPg = await createDemoPostgres(pgServerUrl, demoDatabase);
  const pgUrl = new URL(demoPg.url);
  const pgSource = await createSourceIfMissing({
    name: "Demo shop (PostgreSQL)",
    engine: "POSTGRES",
    url: demoPg.url,
    displayTarget: `${pgUrl.hostname}:${pgUrl.port || 5432}/${demoDatabase}`,
    storageTargetId: storage.id,
    demo: true,
  });
  if (pgSource.created) created.push(pgSource.source.name);

  const sqliteFile = path.join(dataDir, "demo", "shop.db");
  createDemoSqlite(sqliteFile);
  const sqliteSource = await createSourceIfMissing({
    name: "Demo shop (SQLite)",
    engine: "SQLITE",
    url: `sqlite:${sqliteFile}`,
    displayTarget: sqliteFile,
    storageTargetId: storage.id,
    demo: true,
  });
  if (sqliteSource.created) created.push(sqliteSource.source.name);
  return created;
}
