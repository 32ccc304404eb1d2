// Diff results hold plain-text copies of rows: after a week their rows and samples go, their counts stay.
import { describe, expect, it } from "vitest";
import { withMetadataDatabase } from "../../test/support/metadata-db";
import { db } from "./client";
import { DIFF_RESULT_TTL_MS, expireDiffResults, storeDiffRows } from "./diffs";

withMetadataDatabase();

async function diffJob(finishedAt: Date) {
  const result = {
    mode: "compare",
    tables: [{ table: "public.customers", rowsChanged: 1, samples: { added: [], removed: [], changed: [{ key: { id: "1" }, changes: [{ column: "email", from: "a@x", to: "b@x" }] }] } }],
    schema: [],
  };
  const job = await db().job.create({ data: { kind: "DIFF", status: "SUCCEEDED", finishedAt, result } });
  await storeDiffRows(job.id, [{ table: "public.customers", kind: "changed", seq: 1, data: result.tables[0].samples.changed[0] }]);
  return job.id;
}

describe("expireDiffResults", () => {
  it("removes the rows and samples of diff results older than the TTL and keeps their counts", async () => {
    const now = new Date();
    const old = await diffJob(new Date(now.getTime() - DIFF_RESULT_TTL_MS - 60_000));
    const recent = await diffJob(new Date(now.getTime() - 60_000));

    expect(await expireDiffResults(now)).toBe(1);
    expect(await db().diffRow.count({ where: { jobId: old } })).toBe(0);
    expect(await db().diffRow.count({ where: { jobId: recent } })).toBe(1);
    const expired = (await db().job.findUniqueOrThrow({ where: { id: old } })).result as { expired: boolean; tables: Record<string, unknown>[] };
    expect(expired.expired).toBe(true);
    expect(expired.tables[0]).toEqual({ table: "public.customers", rowsChanged: 1 });
    expect(JSON.stringify(expired)).not.toContain("a@x");
    const kept = (await db().job.findUniqueOrThrow({ where: { id: recent } })).result as { tables: { samples?: unknown }[] };
    expect(kept.tables[0].samples).toBeDefined();

    expect(await expireDiffResults(now)).toBe(0);
  });
});
