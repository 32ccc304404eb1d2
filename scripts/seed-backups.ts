// Seeds N invented backup sets (default 5 000) on a "seed-N" source in DATABASE_URL's metadata database, and, given a
// running Tidemark's URL and an admin, times the pages that must stay fast with them.
//   npm run seed:backups -- [--count 5000] [--measure http://127.0.0.1:3000 EMAIL PASSWORD] [--runs 5]
import { seedBackups } from "../lib/db/seed-backups";
import { disconnectDb } from "../lib/db/client";
import { AppError } from "../lib/errors";

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const count = Number(opt("--count") ?? 5000);
const measureIdx = args.indexOf("--measure");
const runs = Number(opt("--runs") ?? 5);
if (!Number.isInteger(count) || count < 1) throw new Error("--count must be a positive integer");

async function signIn(base: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar.join("; ") },
    body: new URLSearchParams({ email, password, csrfToken, json: "true" }),
  });
  const cookies = [...jar, ...res.headers.getSetCookie().map((c) => c.split(";")[0])];
  if (!cookies.some((c) => c.includes("session-token"))) throw new Error(`Sign-in as ${email} failed (HTTP ${res.status})`);
  return cookies.join("; ");
}

/** Median time until the whole page has arrived (server render included), over `runs` requests after one warm-up. */
async function timePage(base: string, cookie: string, route: string): Promise<{ medianMs: number; maxMs: number; status: number }> {
  const times: number[] = [];
  let status = 0;
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    const res = await fetch(`${base}${route}`, { headers: { Cookie: cookie }, redirect: "manual" });
    await res.text();
    status = res.status;
    if (i > 0) times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)], maxMs: times[times.length - 1], status };
}

const t0 = performance.now();
const seeded = await seedBackups(count).catch(async (error: unknown) => {
  // A name clash with a real source or target: say so in one line (nothing was changed) instead of a stack trace.
  if (error instanceof AppError) {
    console.error(`seed-backups: ${error.message}`);
    await disconnectDb();
    process.exit(1);
  }
  throw error;
});
console.log(`seeded ${seeded.backupSets} backup sets (${seeded.tables} table rows, ${seeded.jobs} jobs) on "seed-${count}" in ${((performance.now() - t0) / 1000).toFixed(1)} s — source ${seeded.sourceId}`);
await disconnectDb();

if (measureIdx >= 0) {
  const [base, email, password] = args.slice(measureIdx + 1, measureIdx + 4);
  if (!base || !email || !password) throw new Error("--measure needs URL EMAIL PASSWORD");
  const cookie = await signIn(base, email, password);
  const routes = [
    `/sources/${seeded.sourceId}`,
    `/sources/${seeded.sourceId}?zoom=month`,
    `/sources/${seeded.sourceId}?zoom=year`,
    "/jobs",
    "/",
    "/sources",
  ];
  console.log(`| page | median | max | HTTP |\n| --- | --- | --- | --- |`);
  for (const route of routes) {
    const r = await timePage(base, cookie, route);
    console.log(`| ${route.replace(seeded.sourceId, "[seed]")} | ${r.medianMs.toFixed(0)} ms | ${r.maxMs.toFixed(0)} ms | ${r.status} |`);
  }
}
