// `npm run db:migrate`: applies pending SQL migrations to DATABASE_URL.
import { databaseUrl } from "../lib/env";
import { migrate } from "../lib/db/migrate";

const applied = await migrate(databaseUrl());
console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.");
