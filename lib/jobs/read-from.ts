// The storage target a restore or a restore preview reads its backup from: where it was written, or a completed copy.
import { restoreReadPlace } from "../db/copies";
import { storageAccess } from "../db/source-secrets";
import { Invalid } from "../errors";
import type { JobContext } from "./definitions";

export const NO_COMPLETED_COPY = "That storage target holds no completed copy of this backup: restore from where it was written, or copy it first.";

/** The decrypted storage target to read `set` from; checks the copy is completed (the params may come from anyone). */
export async function restoreReadStorage(set: { id: string }, fromStorageTargetId: string | undefined, ctx: Pick<JobContext<unknown>, "log">) {
  // The same decision the actions make (lib/db/copies.ts restoreReadPlace), taken again at job time.
  const place = await restoreReadPlace(set.id, fromStorageTargetId);
  if (!place) throw new Invalid(NO_COMPLETED_COPY);
  const storage = await storageAccess(place.storageTargetId);
  if (place.copy) await ctx.log("info", `Reading the backup from its copy in ${storage.name} (${storage.location})`);
  return storage;
}
