// Verify job: every chunk of a backup set decrypts, matches its id, and every table matches its digest.
import { z } from "zod";
import { verify } from "../../backup/verify";
import { getBackupSet, setVerification } from "../../db/backup-sets";
import { storageAccess } from "../../db/source-secrets";
import { Invalid } from "../../errors";
import { defineJob } from "../definitions";
import { openExistingRepository } from "../repository-access";

export const verifyJob = defineJob({
  kind: "VERIFY",
  params: z.object({ backupSetId: z.string().min(1) }),
  perSource: false,
  async handle(ctx) {
    const set = await getBackupSet(ctx.params.backupSetId);
    if (!set) throw new Invalid("That backup set no longer exists.");
    const storage = await storageAccess(set.storageTargetId);
    const repo = await openExistingRepository(storage);
    const result = await verify(repo, set.snapshotId, { onProgress: ctx.progress, signal: ctx.signal });
    await setVerification(set.id, result.ok);
    for (const p of result.problems) await ctx.log("error", `${p.table}: ${p.message}`);
    return { ok: result.ok, tablesChecked: result.tablesChecked, chunksChecked: result.chunksChecked, bytesChecked: result.bytesChecked, problems: result.problems };
  },
});
