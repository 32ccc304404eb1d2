// Webhook notifications, received by a real HTTP server on 127.0.0.1: once per failure, on success when asked,
// once when a source starts missing its RPO, and a dead endpoint never fails the job.
import { createServer, type Server } from "node:http";
import { mkdtempSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { createPgDatabase, pgUrlFor, type TempPgDatabase } from "../../test/support/databases";
import { withMetadataDatabase } from "../../test/support/metadata-db";
import { db } from "../db/client";
import { getJob, getJobWithEvents } from "../db/jobs";
import { createChannel } from "../db/notifications";
import { createPolicy } from "../db/policies";
import { createSourceIfMissing } from "../db/sources";
import { createLocalStorageIfMissing } from "../db/storage";
import { startJob, stopProducer } from "./enqueue";
import { sendTestNotification } from "./notify";
import { checkRpo } from "./rpo";
import { startWorker, type WorkerHandle } from "./worker";

const meta = withMetadataDatabase();
let server: Server;
let hookUrl: string;
const received: { text: string; tidemark: { event: string; source?: { name: string }; jobId?: string } }[] = [];
let worker: WorkerHandle;
let database: TempPgDatabase;

async function waitFor(jobId: string) {
  for (let i = 0; i < 300; i++) {
    const job = await getJob(jobId);
    if (job && ["SUCCEEDED", "FAILED", "CANCELLED"].includes(job.status)) return job;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`job ${jobId} did not finish`);
}

/** Deliveries go out just after a job ends: wait until `n` have arrived, then a moment for any (wrong) extra one. */
async function settled(n: number) {
  await expect.poll(() => received.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(n);
  await new Promise((r) => setTimeout(r, 500));
  expect(received).toHaveLength(n);
}

async function source(name: string, url: string, events: ("failure" | "success" | "at-risk")[], hook = hookUrl) {
  const storage = await createLocalStorageIfMissing(`store-${name}`, mkdtempSync(path.join(tmpdir(), "tm-notify-")), "pw for notify tests");
  const { source: s } = await createSourceIfMissing({ name, engine: "POSTGRES", url, displayTarget: name, storageTargetId: storage.id });
  const channel = await createChannel({ name: `hook-${name}`, url: hook, events });
  const policy = await createPolicy({ sourceId: s.id, name: "nightly", cron: "0 3 * * *", timezone: "UTC", notifyChannelIds: [channel.id] });
  return { source: s, policy };
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push(JSON.parse(body));
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook?token=secret`;
  database = await createPgDatabase("tm_notify");
  worker = await startWorker({ databaseUrl: meta.current().url, workerId: "notify-worker", concurrency: 2 });
});
afterAll(async () => {
  await worker?.stop({ graceful: false });
  await stopProducer();
  await database?.drop();
  server?.close();
});
beforeEach(async () => {
  // A previous test's late delivery must not leak into the next one.
  await new Promise((r) => setTimeout(r, 300));
  received.length = 0;
});

it("a failed backup notifies its channels once, naming the source and the cause", async () => {
  const { source: s } = await source("missing-db", pgUrlFor("tm_no_such_database_xyz"), ["failure"]);
  const job = await waitFor((await startJob({ kind: "BACKUP", sourceId: s.id, params: { type: "full" } })).id);
  expect(job.status).toBe("FAILED");
  expect(job.attempts).toBe(1);
  await settled(1);
  expect(received[0].tidemark).toMatchObject({ event: "failure", source: { name: "missing-db" }, jobId: job.id });
  expect(received[0].text).toMatch(/^✖ backup of missing-db failed: .*tm_no_such_database_xyz/);
  expect(received[0].text).not.toContain("secret");
});

it("a successful backup notifies only channels that asked for success", async () => {
  const quiet = await source("quiet", database.url, ["failure"]);
  const chatty = await source("chatty", database.url, ["failure", "success"]);
  for (const s of [quiet, chatty]) expect((await waitFor((await startJob({ kind: "BACKUP", sourceId: s.source.id, params: { type: "full" } })).id)).status).toBe("SUCCEEDED");
  await settled(1);
  expect(received.map((r) => [r.tidemark.event, r.tidemark.source?.name])).toEqual([["success", "chatty"]]);
});

it("a source that misses its RPO alerts once, and is cleared by its next backup", async () => {
  const { source: s, policy } = await source("late", database.url, ["at-risk"]);
  // Daily schedule: a backup may be up to 36 h old (a day plus half a day of grace). Two days have passed.
  await db().policy.update({ where: { id: policy.id }, data: { createdAt: new Date(Date.now() - 48 * 3_600_000) } });
  expect(await checkRpo()).toContainEqual({ sourceId: s.id, atRisk: true });
  expect(await checkRpo()).not.toContainEqual({ sourceId: s.id, atRisk: true });
  await settled(1);
  const alerts = received.filter((r) => r.tidemark.source?.name === "late");
  expect(alerts).toHaveLength(1);
  expect(alerts[0].text).toMatch(/late is at risk/);

  expect((await waitFor((await startJob({ kind: "BACKUP", sourceId: s.id, params: { type: "full" } })).id)).status).toBe("SUCCEEDED");
  expect((await db().dataSource.findUniqueOrThrow({ where: { id: s.id } })).atRiskSince).toBeNull();
  expect(await checkRpo()).not.toContainEqual(expect.objectContaining({ sourceId: s.id }));
});

it("an unreachable webhook is logged on the job and never fails it", async () => {
  const { source: s } = await source("deaf", database.url, ["success"], "http://127.0.0.1:9/hook");
  const job = await waitFor((await startJob({ kind: "BACKUP", sourceId: s.id, params: { type: "full" } })).id);
  expect(job.status).toBe("SUCCEEDED");
  const events = (await getJobWithEvents(job.id))!.events.map((e) => e.message);
  expect(events.some((m) => /^Could not notify hook-deaf: could not reach the endpoint/.test(m))).toBe(true);
});

it("the test button sends one message to one channel and says whether it arrived", async () => {
  const good = await createChannel({ name: "test-good", url: hookUrl, events: ["failure"] });
  const bad = await createChannel({ name: "test-bad", url: "http://127.0.0.1:9/nothing", events: ["failure"] });
  expect(await sendTestNotification(good.id)).toEqual({ channel: "test-good", ok: true, status: 200 });
  expect(received).toEqual([expect.objectContaining({ text: "Test from Tidemark: notifications to test-good work.", tidemark: expect.objectContaining({ event: "test" }) })]);
  const failed = await sendTestNotification(bad.id);
  expect(failed).toMatchObject({ channel: "test-bad", ok: false });
  expect(failed!.error).toMatch(/^could not reach the endpoint/);
  expect(await sendTestNotification("no-such-channel")).toBeNull();
});

it("a job whose worker died notifies its channels once, saying what it may have left", async () => {
  const { source: s } = await source("orphaned", database.url, ["failure"]);
  const job = await db().job.create({
    data: { kind: "RESTORE", status: "RUNNING", sourceId: s.id, params: { mode: "new", database: "shop_restored_x" }, workerId: "vanished", heartbeatAt: new Date(Date.now() - 10 * 60_000) },
  });
  await settled(1);
  expect(received[0].tidemark).toMatchObject({ event: "failure", source: { name: "orphaned" }, jobId: job.id });
  expect(received[0].text).toMatch(/vanished\) stopped responding.*The new database shop_restored_x may be half-loaded/);
  expect((await getJob(job.id))!.status).toBe("FAILED");
});
