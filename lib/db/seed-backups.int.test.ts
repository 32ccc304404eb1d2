// The seed script only ever re-seeds its own rows: a real source or target that carries a seed name is left alone.
import { describe, expect, it } from "vitest";
import { withMetadataDatabase } from "../../test/support/metadata-db";
import { encryptJson, encryptSecret } from "../secrets";
import { db } from "./client";
import { seedBackups } from "./seed-backups";

withMetadataDatabase();

async function realSource(name: string, opts: { demo?: boolean; url?: string; storageId?: string } = {}) {
  const storage =
    opts.storageId ??
    (await db().storageTarget.create({ data: { name: `${name} real storage`, kind: "LOCAL", location: `/srv/${name}`, configEnc: encryptJson({ path: `/srv/${name}` }), passphraseEnc: encryptSecret("pw") } })).id;
  const source = await db().dataSource.create({
    data: { name, engine: "POSTGRES", connectionEnc: encryptJson({ url: opts.url ?? "postgres://app@db.example.com:5432/shop" }), displayTarget: "db.example.com:5432/shop", demo: opts.demo ?? false, storageTargetId: storage },
  });
  const set = await db().backupSet.create({ data: { sourceId: source.id, storageTargetId: storage, snapshotId: `real-${name}`, type: "FULL", status: "COMPLETED" } });
  return { source, set };
}

describe("seedBackups", () => {
  it("refuses a real source named like the seed and keeps its catalog", async () => {
    const { source, set } = await realSource("seed-10");
    await expect(seedBackups(10)).rejects.toThrow(/is not a seeded one/);
    expect(await db().backupSet.findUnique({ where: { id: set.id } })).not.toBeNull();
    expect(await db().backupSet.count({ where: { sourceId: source.id } })).toBe(1);
  });

  it("refuses a demo source on a real host, and one on the seed's host but another target", async () => {
    const demoReal = await realSource("seed-11", { demo: true });
    await expect(seedBackups(11)).rejects.toThrow(/is not a seeded one/);
    expect(await db().backupSet.count({ where: { sourceId: demoReal.source.id } })).toBe(1);
    const otherTarget = await realSource("seed-12", { demo: true, url: "postgres://seed@seed.invalid:5432/seed" });
    await expect(seedBackups(12)).rejects.toThrow(/is not a seeded one/);
    expect(await db().backupSet.count({ where: { sourceId: otherTarget.source.id } })).toBe(1);
  });

  it("refuses a storage target named like the seed's that is somewhere else", async () => {
    await db().storageTarget.create({ data: { name: "seed-13 storage", kind: "LOCAL", location: "/srv/backups", configEnc: encryptJson({ path: "/srv/backups" }), passphraseEnc: encryptSecret("pw") } });
    await expect(seedBackups(13)).rejects.toThrow(/not made by the seed script/);
    expect(await db().dataSource.count({ where: { name: "seed-13" } })).toBe(0);
  });

  it("re-seeds its own source in place", async () => {
    const first = await seedBackups(20, { name: "seed-own" });
    const second = await seedBackups(20, { name: "seed-own" });
    expect(second.sourceId).toBe(first.sourceId);
    expect(await db().backupSet.count({ where: { sourceId: first.sourceId } })).toBe(20);
  });
});
