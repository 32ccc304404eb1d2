// The jobs list's filters and page cursor, read from (and written back to) the URL so a filtered view can be linked.
import { z } from "zod";
import type { JobCursor, JobFilter } from "@/lib/db/jobs";

export const JOB_KINDS = ["BACKUP", "RESTORE", "VERIFY", "PRUNE", "DRILL", "DIFF", "TEST_CONNECTION", "COPY"] as const;
export const JOB_STATUSES = ["QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"] as const;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)));
const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

const schema = z.object({
  kind: z.preprocess(blankToUndefined, z.enum(JOB_KINDS).optional()).catch(undefined),
  status: z.preprocess(blankToUndefined, z.enum(JOB_STATUSES).optional()).catch(undefined),
  source: z.preprocess(blankToUndefined, z.string().max(64).optional()).catch(undefined),
  from: z.preprocess(blankToUndefined, day.optional()).catch(undefined),
  to: z.preprocess(blankToUndefined, day.optional()).catch(undefined),
  after: z.preprocess(blankToUndefined, z.string().regex(/^\d+_[a-z0-9]+$/i).optional()).catch(undefined),
});

export type JobSearch = z.infer<typeof schema>;

/** Unknown or malformed values are dropped rather than failing the page. */
export function parseJobSearch(raw: Record<string, string | string[] | undefined>): JobSearch {
  const flat = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return schema.parse(flat);
}

export function toFilter(s: JobSearch): JobFilter {
  return {
    kind: s.kind,
    status: s.status,
    sourceId: s.source,
    from: s.from ? new Date(`${s.from}T00:00:00Z`) : undefined,
    // "to" is inclusive: everything created before the next day starts.
    to: s.to ? new Date(Date.parse(`${s.to}T00:00:00Z`) + 24 * 3600_000) : undefined,
  };
}

export function toCursor(s: JobSearch): JobCursor | null {
  if (!s.after) return null;
  const [ms, id] = s.after.split("_");
  return { createdAt: new Date(Number(ms)), id };
}

export function cursorParam(c: JobCursor): string {
  return `${c.createdAt.getTime()}_${c.id}`;
}

/** The URL of the list with these filters (and optionally a cursor); empty values are left out. */
export function jobsHref(s: JobSearch, after?: string): string {
  const params = new URLSearchParams();
  for (const key of ["kind", "status", "source", "from", "to"] as const) if (s[key]) params.set(key, s[key]!);
  if (after) params.set("after", after);
  const q = params.toString();
  return q ? `/jobs?${q}` : "/jobs";
}
