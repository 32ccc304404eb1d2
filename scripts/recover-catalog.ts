// Disaster recovery of the dashboard: rebuilds the catalog (backup sets, their tables and parents, copies) of a
// registered storage target from its repository alone, into DATABASE_URL's metadata database.
//   npm run catalog:rebuild -- --storage <storage target name> [--register-sources] [--json]
// --register-sources: snapshots of sources not registered here bring their source back (without credentials: edit
// each one to add them before its next backup).
import { disconnectDb } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { storageTargetIdByName } from "../lib/db/copies";
import { databaseUrl } from "../lib/env";
import { rebuildCatalog } from "../lib/jobs/catalog";

async function main() {
  const args = process.argv.slice(2);
  const at = args.indexOf("--storage");
  const name = at >= 0 ? args[at + 1] : undefined;
  if (!name) throw new Error("Name the storage target: --storage <name> (register it first on the Storage page, with the same location, keys and passphrase)");
  await migrate(databaseUrl());
  const id = await storageTargetIdByName(name);
  if (!id) throw new Error(`No storage target named "${name}" in this Tidemark: register it on the Storage page first`);
  const result = await rebuildCatalog(id, { registerMissingSources: args.includes("--register-sources") });
  if (args.includes("--json")) {
    console.log(JSON.stringify(result));
    return;
  }
  console.log(`${name}: ${result.snapshots} snapshots — ${result.imported} backup sets rebuilt, ${result.copies} copies recorded, ${result.alreadyKnown} already known`);
  for (const s of result.registered) console.log(`  source registered: ${s} (add its credentials before its next backup)`);
  for (const [identity, n] of Object.entries(result.unmatched)) console.log(`  not imported: ${n} snapshots of ${identity} (no such source here; rerun with --register-sources)`);
}

main()
  .catch((error) => {
    console.error(`catalog rebuild failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => disconnectDb());
