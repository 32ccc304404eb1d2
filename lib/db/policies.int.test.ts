// The server-side checks of what a policy names: copy target (exists, not the source's own), notification channels.
import { beforeAll, describe, expect, it } from "vitest";
import { withMetadataDatabase } from "../../test/support/metadata-db";
import { encryptJson, encryptSecret } from "../secrets";
import { db } from "./client";
import { createChannel } from "./notifications";
import { policyReferenceErrors } from "./policies";

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
