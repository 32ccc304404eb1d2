// Catalog rebuild only reads a repository: a storage target whose location holds no repository (a mistyped path or
// prefix) fails with a message naming the location, and nothing is written there.
import fs from "node:fs/promises";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { withMetadataDatabase } from "../../test/support/metadata-db";
import { startS3 } from "../../test/support/s3";
import { createStorageTarget } from "../db/storage";
import { storageFromConfig } from "../repository/storage/index";
import { rebuildCatalog } from "./catalog";

withMetadataDatabase();
const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn().catch(() => undefined);
});

it("refuses a local path that holds no repository and leaves it empty", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "tm-catalog-typo-"));
  cleanup.push(() => fs.rm(dir, { recursive: true, force: true }));
  const target = await createStorageTarget({ name: "typo-disk", kind: "LOCAL", location: dir, config: { path: dir }, passphrase: "p" });
  await expect(rebuildCatalog(target.id, { registerMissingSources: true })).rejects.toThrow(`No Tidemark repository at ${dir}: check the bucket, prefix or path.`);
  expect(await fs.readdir(dir)).toEqual([]);
});

it("refuses an S3 prefix that holds no repository and writes nothing to the bucket", async () => {
  const s3 = await startS3({ buckets: ["typo-bucket"] });
  cleanup.push(() => s3.stop());
  const location = "s3://typo-bucket/tidemrak";
  const target = await createStorageTarget({ name: "typo-s3", kind: "S3", location, config: s3.config("typo-bucket", "tidemrak"), passphrase: "p" });
  await expect(rebuildCatalog(target.id)).rejects.toThrow(`No Tidemark repository at ${location}: check the bucket, prefix or path.`);
  const whole = storageFromConfig("S3", s3.config("typo-bucket"));
  const keys: string[] = [];
  for await (const key of whole.list("")) keys.push(key);
  expect(keys).toEqual([]);
});
