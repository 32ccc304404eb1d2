// S3 backend against a real s3rver: retries through a flaky proxy (5xx, reset connections; never 4xx), and a real
// PostgreSQL database backed up into an S3 repository and restored from it, row for row.
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgDatabase, dropPgDatabase, pgRows, pgUrlFor, uniqueName, type TempPgDatabase } from "../../../test/support/databases";
import { startS3, type TestS3 } from "../../../test/support/s3";
import { backup } from "../../backup/backup";
import { restore } from "../../backup/restore";
import { verify } from "../../backup/verify";
import { sourceOf } from "../../engine/connect";
import { postgresConnector } from "../../engine/postgres/index";
import { Repository } from "../repository";
import { S3Storage } from "./s3";
import { S3StorageError } from "./s3-errors";
import { StorageExistsError } from "./types";

let s3: TestS3;
const opened: S3Storage[] = [];
const open = (...args: ConstructorParameters<typeof S3Storage>) => {
  const s = new S3Storage(...args);
  opened.push(s);
  return s;
};
beforeAll(async () => {
  s3 = await startS3({ buckets: ["backups"] });
});
afterAll(async () => {
  for (const s of opened) s.destroy();
  await s3.stop();
});

/** An HTTP proxy in front of s3rver that misbehaves for the first `faults` requests, counting every request. */
async function flakyProxy(faults: number, fault: "503" | "reset") {
  let seen = 0;
  const server = http.createServer((req, res) => {
    seen++;
    if (seen <= faults) {
      if (fault === "reset") return req.socket.destroy();
      res.writeHead(503, { "content-type": "application/xml" });
      return res.end("<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>");
    }
    const upstream = http.request({ host: "127.0.0.1", port: s3.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { endpoint, requests: () => seen, close: () => new Promise((r) => server.close(r)) };
}

const fastRetry = { attempts: 4, baseDelayMs: 10, maxDelayMs: 50 };

/** Runs `fn` with a storage reaching s3rver through a flaky proxy; returns how many requests the proxy saw. */
async function throughProxy(faults: number, fault: "503" | "reset", bucket: string, fn: (storage: S3Storage) => Promise<void>): Promise<number> {
  const proxy = await flakyProxy(faults, fault);
  try {
    await fn(open({ ...s3.config(bucket, `retry-${fault}-${faults}`), endpoint: proxy.endpoint }, { retry: fastRetry }));
    return proxy.requests();
  } finally {
    await proxy.close();
  }
}

describe("S3 retries", () => {
  it("retries 503 SlowDown with backoff and then succeeds", async () => {
    const requests = await throughProxy(2, "503", "backups", async (storage) => {
      await storage.put("config", Buffer.from("hello"));
      expect((await storage.get("config")).toString()).toBe("hello");
    });
    expect(requests).toBe(3 + 1);
  });

  it("retries a reset connection", async () => {
    expect(await throughProxy(1, "reset", "backups", (storage) => storage.put("k", Buffer.from("v")))).toBe(2);
  });

  it("gives up after the last attempt with the cause in the message", async () => {
    const requests = await throughProxy(100, "503", "backups", async (storage) => {
      await expect(storage.get("config")).rejects.toThrow(/SlowDown \(HTTP 503\)/);
    });
    expect(requests).toBe(4);
  });

  it("does not retry a 4xx (missing bucket): one request, a clear error", async () => {
    const requests = await throughProxy(0, "503", "missing-bucket", async (storage) => {
      const err = await storage.put("k", Buffer.from("v")).catch((e) => e);
      expect(err).toBeInstanceOf(S3StorageError);
      expect(err.message).toMatch(/bucket of s3:\/\/missing-bucket\/retry-503-0 at http:\/\/127\.0\.0\.1:\d+ does not exist/);
    });
    expect(requests).toBe(1);
  });
});

/**
 * A proxy in front of s3rver that gives conditional writes (If-None-Match: *) AWS's semantics (412 when the key
 * exists; s3rver ignores the header on writes) and loses the response of the first one: the write reaches the bucket
 * (or, with `otherWriter`, another writer's bytes do) and the connection drops before the client hears back.
 */
async function lostResponseProxy(otherWriter?: Buffer) {
  let dropped = false;
  const forward = (req: http.IncomingMessage, body: Buffer | null, done: (status: number, headers: http.IncomingHttpHeaders, data: Buffer) => void) => {
    const headers = body ? { ...req.headers, "content-length": String(body.length) } : req.headers;
    const up = http.request({ host: "127.0.0.1", port: s3.port, method: req.method, path: req.url, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (d: Buffer) => parts.push(d));
      res.on("end", () => done(res.statusCode ?? 502, res.headers, Buffer.concat(parts)));
    });
    if (body) up.end(body);
    else req.pipe(up);
  };
  const server = http.createServer((req, res) => {
    const reply = (status: number, headers: http.IncomingHttpHeaders, data: Buffer) => {
      res.writeHead(status, headers);
      res.end(data);
    };
    if (req.headers["if-none-match"] !== "*") return forward(req, null, reply);
    const objectPath = req.url!.split("?")[0];
    http.request({ host: "127.0.0.1", port: s3.port, method: "HEAD", path: objectPath }, (head) => {
      head.resume();
      if (head.statusCode === 200) {
        return reply(412, { "content-type": "application/xml" }, Buffer.from("<Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold</Message></Error>"));
      }
      if (dropped) return forward(req, null, reply);
      dropped = true;
      const lose = () => req.socket.destroy();
      if (otherWriter && req.method === "PUT") {
        req.resume();
        return forward(req, otherWriter, lose);
      }
      forward(req, null, lose);
    }).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { endpoint, close: () => new Promise((r) => server.close(r)) };
}

describe("S3 conditional writes whose response is lost", () => {
  const through = async (otherWriter: Buffer | undefined, prefix: string, fn: (storage: S3Storage) => Promise<void>) => {
    const proxy = await lostResponseProxy(otherWriter);
    try {
      await fn(open({ ...s3.config("backups", prefix), endpoint: proxy.endpoint }, { retry: fastRetry, multipartThreshold: 1 << 20, partSize: 5 << 20 }));
    } finally {
      await proxy.close();
    }
  };

  it("treats the retry's 412 as success when the object holds what we wrote (a lock or manifest write)", async () => {
    const body = Buffer.from(JSON.stringify({ snapshot: "abc", at: Date.now() }));
    await through(undefined, "lost-put", async (storage) => {
      await storage.put("locks/mine", body, { ifAbsent: true });
      expect(await storage.get("locks/mine")).toEqual(body);
      // The emulation is real: a second create of the same key is refused.
      await expect(storage.put("locks/mine", body, { ifAbsent: true })).rejects.toBeInstanceOf(StorageExistsError);
    });
  });

  it("still reports a conflict when another writer's bytes are there", async () => {
    await through(Buffer.from("someone else's lock"), "lost-put-other", async (storage) => {
      await expect(storage.put("locks/contended", Buffer.from("my lock"), { ifAbsent: true })).rejects.toBeInstanceOf(StorageExistsError);
      expect((await storage.get("locks/contended")).toString()).toBe("someone else's lock");
    });
  });

  it("treats a retried multipart completion as success when the stored object hashes to the streamed parts", async () => {
    const data = randomBytes(6 << 20);
    const pieces = Array.from({ length: 96 }, (_, i) => data.subarray(i << 16, (i + 1) << 16));
    await through(undefined, "lost-complete", async (storage) => {
      await storage.put("packs/big", Readable.from(pieces), { ifAbsent: true });
      expect((await storage.get("packs/big")).equals(data)).toBe(true);
    });
  });
});

describe("PostgreSQL through an S3 repository", () => {
  let src: TempPgDatabase;
  const restored = uniqueName("tm_s3_restored");
  beforeAll(async () => {
    src = await createPgDatabase("tm_s3_src");
    await pgRows(
      src.url,
      `CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL UNIQUE, note text);
       CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers, total numeric(10,2), placed_at timestamptz);
       INSERT INTO customers SELECT g, 'c' || g || '@x.example', CASE WHEN g % 5 = 0 THEN NULL ELSE E'note\\t' || g END FROM generate_series(1, 5000) g;
       INSERT INTO orders (customer_id, total, placed_at) SELECT 1 + g % 5000, g * 0.37, timestamptz '2026-01-01' + g * interval '1 minute' FROM generate_series(1, 40000) g;`,
    );
  });
  afterAll(async () => {
    await dropPgDatabase(restored);
    await src?.drop();
  });

  const digest = (url: string) =>
    pgRows(url, `SELECT (SELECT md5(string_agg(c::text, '|' ORDER BY id)) FROM customers c) c, (SELECT md5(string_agg(o::text, '|' ORDER BY id)) FROM orders o) o, (SELECT last_value FROM orders_id_seq) s`);

  it("backs up, verifies, and restores into a new database with identical rows; incremental stores only what changed", async () => {
    const repo = await Repository.init(open(s3.config("backups", "pg/shop")), "s3 pass");
    const full = await backup({ connector: postgresConnector(src.url), repo, type: "full", source: sourceOf(src.url) });
    expect(full.manifest.tables.map((t) => t.rows).sort((a, b) => a - b)).toEqual([5000, 40000]);

    await pgRows(src.url, "UPDATE customers SET note = 'changed' WHERE id = 42");
    const incr = await backup({ connector: postgresConnector(src.url), repo, type: "incremental", source: sourceOf(src.url) });
    expect(incr.manifest.stats.chunksStored).toBeLessThan(full.manifest.stats.chunksStored);

    // A fresh handle: nothing cached from the writes.
    const reopened = await Repository.open(open(s3.config("backups", "pg/shop")), "s3 pass");
    expect((await reopened.listSnapshots()).map((m) => m.id)).toEqual([full.manifest.id, incr.manifest.id]);
    expect((await verify(reopened, "all")).ok).toBe(true);
    const result = await restore({ repo: reopened, snapshotId: incr.manifest.id, connector: postgresConnector(pgUrlFor("postgres")), target: { mode: "new", database: restored } });
    expect(result.verified).toBe(true);
    expect(await digest(pgUrlFor(restored))).toEqual(await digest(src.url));
  });
});
