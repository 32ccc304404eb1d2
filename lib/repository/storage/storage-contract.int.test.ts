// The Storage contract, run against every backend: a local directory and S3 (a real s3rver on 127.0.0.1).
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3, type TestS3 } from "../../../test/support/s3";
import { checkStorage, storageFromConfig } from "./index";
import { LocalStorage } from "./local";
import { S3Storage } from "./s3";
import { StorageExistsError, StorageNotFoundError, type Storage } from "./types";

let s3: TestS3;
const dirs: string[] = [];
const opened: S3Storage[] = [];
beforeAll(async () => {
  s3 = await startS3({ buckets: ["contract"] });
});
afterAll(async () => {
  for (const s of opened) s.destroy();
  await s3.stop();
  for (const d of dirs) await fs.rm(d, { recursive: true, force: true });
});

let n = 0;
const backends: [string, () => Promise<Storage>][] = [
  ["local", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "tm-contract-"));
    dirs.push(dir);
    return new LocalStorage(dir);
  }],
  ["s3", async () => {
    // Small parts so the multipart path is exercised by a few MiB, not hundreds.
    const s = new S3Storage(s3.config("contract", `repo-${++n}/nested`), { partSize: 5 << 20, multipartThreshold: 5 << 20 });
    opened.push(s);
    return s;
  }],
];

async function collect(it: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const k of it) out.push(k);
  return out.sort();
}

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

describe.each(backends)("Storage contract: %s", (_name, make) => {
  let storage: Storage;
  beforeAll(async () => {
    storage = await make();
  });

  it("puts, gets, overwrites, and says what exists", async () => {
    expect(await storage.exists("config")).toBe(false);
    await storage.put("config", Buffer.from("one"));
    expect(await storage.exists("config")).toBe(true);
    expect((await storage.get("config")).toString()).toBe("one");
    await storage.put("config", Buffer.from("two"));
    expect((await storage.get("config")).toString()).toBe("two");
  });

  it("refuses to replace an existing key with ifAbsent, and keeps the original", async () => {
    await storage.put("snapshots/a", Buffer.from("first"), { ifAbsent: true });
    await expect(storage.put("snapshots/a", Buffer.from("second"), { ifAbsent: true })).rejects.toBeInstanceOf(StorageExistsError);
    expect((await storage.get("snapshots/a")).toString()).toBe("first");
  });

  it("reports a missing key as StorageNotFoundError from get and getStream", async () => {
    await expect(storage.get("data/00/missing")).rejects.toBeInstanceOf(StorageNotFoundError);
    await expect(readAll(storage.getStream("data/00/missing"))).rejects.toBeInstanceOf(StorageNotFoundError);
  });

  it("lists every key under a prefix recursively, and nothing outside it", async () => {
    await storage.put("data/ab/ab01", Buffer.from("x"));
    await storage.put("data/cd/cd02", Buffer.from("y"));
    await storage.put("database-lookalike", Buffer.from("z"));
    expect(await collect(storage.list("data"))).toEqual(["data/ab/ab01", "data/cd/cd02"]);
    expect(await collect(storage.list("nothing-here"))).toEqual([]);
  });

  it("deletes, and deleting an absent key is not an error", async () => {
    await storage.put("locks/l1", Buffer.from("lock"));
    await storage.delete("locks/l1");
    expect(await storage.exists("locks/l1")).toBe(false);
    await storage.delete("locks/l1");
  });

  it("streams a large object in and out unchanged (multipart on S3)", async () => {
    const big = Buffer.alloc(12 * (1 << 20) + 12344);
    for (let i = 0; i < big.length; i += 4) big.writeUInt32LE((i * 2654435761) >>> 0, i);
    // Fed in uneven pieces, as a real producer would.
    const pieces = function* () {
      for (let i = 0; i < big.length; i += 700_001) yield big.subarray(i, i + 700_001);
    };
    await storage.put("snapshots/big", Readable.from(pieces()));
    expect((await readAll(storage.getStream("snapshots/big"))).equals(big)).toBe(true);
    expect((await storage.get("snapshots/big")).equals(big)).toBe(true);
  });

  it("lists past one page of keys", async () => {
    const keys = Array.from({ length: 1100 }, (_, i) => `data/ff/${String(i).padStart(5, "0")}`);
    for (let i = 0; i < keys.length; i += 50) await Promise.all(keys.slice(i, i + 50).map((k) => storage.put(k, Buffer.from(k))));
    const listed = (await collect(storage.list("data"))).filter((k) => k.startsWith("data/ff/"));
    expect(listed).toEqual(keys);
  });
});

describe("checkStorage", () => {
  it("passes on a writable local directory and a reachable bucket", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "tm-check-"));
    dirs.push(dir);
    expect(await checkStorage("LOCAL", { path: dir })).toEqual({ ok: true });
    expect(await checkStorage("S3", s3.config("contract", "check"))).toEqual({ ok: true });
  });

  it("names a missing bucket", async () => {
    const result = await checkStorage("S3", s3.config("no-such-bucket"));
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/bucket of s3:\/\/no-such-bucket at http:\/\/127\.0\.0\.1:\d+ does not exist/) });
  });

  // s3rver does not verify SigV4 signatures, so a wrong secret is covered by s3-errors.test.ts only.
  it("names an unknown access key", async () => {
    const badKey = await checkStorage("S3", { ...s3.config("contract"), accessKeyId: "NOPE" });
    expect(badKey).toEqual({ ok: false, error: expect.stringMatching(/access key id is not known to s3:\/\/contract/) });
  });

  it("names an unreachable endpoint", async () => {
    const result = await checkStorage("S3", { ...s3.config("contract"), endpoint: "http://127.0.0.1:1" });
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/Cannot reach s3:\/\/contract at http:\/\/127\.0\.0\.1:1 \(ECONNREFUSED\)/) });
  });

  it("names missing settings and an unusable directory", async () => {
    expect(await checkStorage("S3", { ...s3.config("contract"), bucket: "" })).toEqual({ ok: false, error: "An S3 storage target needs bucket." });
    const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), "tm-check-")), "plain-file");
    await fs.writeFile(file, "x");
    const result = await checkStorage("LOCAL", { path: file });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^Cannot write a test object in .*plain-file/);
  });

  it("storageFromConfig picks the backend", () => {
    expect(storageFromConfig("LOCAL", { path: "/tmp/x" })).toBeInstanceOf(LocalStorage);
    const s = storageFromConfig("S3", s3.config("contract", "p/q/"), {});
    expect(s.location).toBe("s3://contract/p/q");
    (s as S3Storage).destroy();
  });
});
