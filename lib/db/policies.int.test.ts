// The server-side checks of what a policy names (copy target: exists, not the source's own; notification channels), and
// what deleting a policy gives up.
import { beforeAll, describe, expect, it } from "vitest";
import { withMetadataDatabase } from "../../test/support/metadata-db";
import { encryptJson, encryptSecret } from "../secrets";
import { db } from "./client";
import { createChannel } from "./notifications";
import { createPolicy, deletePolicy, policyDeletionImpact, policyReferenceErrors } from "./policies";

withMetadataDatabase();

let sourceId = "";
let ownTarget = "";
let otherTarget = "";
let channel = "";

beforeAll(async () => {
  const target = (name: string) => db().storageTarget.create({ data: { name, kind: "LOCAL", location: `/srv/${name}`, configEnc: encryptJson({ path: `/srv/${name}` }), passphraseEnc: encryptSecret("pw") } });
  ownTarget = (await target("primary")).id;
  otherTarget = (await target("offsite")).id;
  sourceId = (await db().dataSource.create({ data: { name: "shop", engine: "POSTGRES", connectionEnc: encryptJson({ url: "postgres://u@h:5432/d" }), displayTarget: "h:5432/d", storageTargetId: ownTarget } })).id;
  channel = (await createChannel({ name: "ops", url: "https://hooks.example/ops", events: ["failure"] })).id;
});

describe("policyReferenceErrors", () => {
  it("accepts another existing target and existing channels", async () => {
    expect(await policyReferenceErrors({ sourceId, copyToStorageTargetId: otherTarget, notifyChannelIds: [channel] })).toEqual({});
    expect(await policyReferenceErrors({ sourceId, copyToStorageTargetId: null, notifyChannelIds: [] })).toEqual({});
  });

  it("refuses a copy to the source's own target and to a missing one", async () => {
    expect((await policyReferenceErrors({ sourceId, copyToStorageTargetId: ownTarget, notifyChannelIds: [] })).copyToStorageTargetId).toMatch(/already stored in primary/);
    expect((await policyReferenceErrors({ sourceId, copyToStorageTargetId: "gone", notifyChannelIds: [] })).copyToStorageTargetId).toMatch(/no longer exists/);
  });

  it("refuses notification channels that do not exist", async () => {
    const errors = await policyReferenceErrors({ sourceId, copyToStorageTargetId: null, notifyChannelIds: [channel, "gone"] });
    expect(errors.notifyChannelIds).toMatch(/1 of the chosen notification channels no longer exists/);
  });
});

describe("policyDeletionImpact", () => {
  it("counts the backups only the deleted policy keeps, which the remaining ones would forget", async () => {
    const day = (d: number) => new Date(Date.UTC(2026, 10, d, 2));
    for (const d of [10, 11, 12, 13]) {
      await db().backupSet.create({ data: { sourceId, storageTargetId: ownTarget, snapshotId: `snap${d}`, type: "FULL", status: "COMPLETED", consistentAt: day(d), pinned: d === 10 } });
    }
    await db().backupSet.create({ data: { sourceId, storageTargetId: ownTarget, snapshotId: "failed", type: "FULL", status: "FAILED", consistentAt: day(9) } });
    // An undo backup: the prune keeps it by its own rule, whatever the policies say, so no policy releases it.
    await db().backupSet.create({ data: { sourceId, storageTargetId: ownTarget, snapshotId: "undo", type: "INCREMENTAL", status: "COMPLETED", consistentAt: day(12), preRestore: true } });
    const everything = await createPolicy({ sourceId, name: "keeps all", cron: "0 1 * * 0", retention: {} });
    const lastTwo = await createPolicy({ sourceId, name: "last two", cron: "0 2 * * *", retention: { last: 2 } });
    try {
      // Without "keeps all", "last two" forgets the 11th (the pinned 10th stays; the failed and the undo backups never count).
      expect(await policyDeletionImpact(everything.id)).toEqual({ released: 1, oldest: day(11), newest: day(11) });
      // "keeps all" still keeps everything "last two" keeps.
      expect(await policyDeletionImpact(lastTwo.id)).toEqual({ released: 0, oldest: null, newest: null });
      // The last policy of a source: nothing prunes afterwards.
      await deletePolicy(lastTwo.id);
      expect(await policyDeletionImpact(everything.id)).toEqual({ released: 0, oldest: null, newest: null });
    } finally {
      await db().policy.deleteMany({ where: { sourceId } });
      await db().backupSet.deleteMany({ where: { sourceId } });
    }
  });
});
