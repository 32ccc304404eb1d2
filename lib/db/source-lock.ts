// One job at a time per data source, across every worker: a session advisory lock on the metadata database,
// held on its own connection for the whole job, so a worker that dies releases it with its connection.
import pg from "pg";
import { databaseUrl } from "../env";

/** First key of the two-key advisory lock space, so Tidemark's locks never collide with others'. */
const LOCK_SPACE = 7301;

export interface SourceLock {
  release: () => Promise<void>;
}

/**
 * Waits until no other job holds `sourceId`, checking `shouldStop` every second (a cancelled job stops waiting).
 * Returns null when it stopped waiting.
 */
export async function lockSource(sourceId: string, shouldStop: () => Promise<boolean>, onWait?: () => Promise<void>): Promise<SourceLock | null> {
  const client = new pg.Client({ connectionString: databaseUrl(), application_name: "tidemark-source-lock" });
  await client.connect();
  let waited = false;
  try {
    for (;;) {
      const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok", [LOCK_SPACE, sourceId]);
      if (rows[0].ok) break;
      if (!waited) {
        waited = true;
        await onWait?.();
      }
      if (await shouldStop()) {
        await client.end();
        return null;
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return {
    release: async () => {
      await client.query("SELECT pg_advisory_unlock($1, hashtext($2))", [LOCK_SPACE, sourceId]).catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
}
