// The restore preview's wording: counts per table, schema objects under their table, the rest on their own lines.
import { describe, expect, it } from "vitest";
import { previewFromDiff } from "./preview";
import type { SnapshotDiff, TableDiff } from "./types";

const table = (name: string, added: number, removed: number, changed: number): TableDiff => ({
  table: name,
  status: added || removed || changed ? "changed" : "unchanged",
  comparedBy: "key",
  keyColumns: ["id"],
  columnTypes: {},
  rowsAdded: added,
  rowsRemoved: removed,
  rowsChanged: changed,
  changedColumns: {},
  notes: [],
  samples: { added: [], removed: [], changed: [] },
  chunksRead: 0,
  chunksSkipped: 0,
});

describe("previewFromDiff", () => {
  it("says per table what is deleted, inserted and updated, with its schema changes", () => {
    const diff: SnapshotDiff = {
      from: "live",
      to: "abc",
      tables: [table("public.orders", 45, 1203, 3211), table("public.customers", 0, 0, 0), table("public.notes", 3, 0, 0)],
      schema: [
        { kind: "index", schema: "public", name: "orders_status_idx", table: "public.orders", change: "removed", diff: "-CREATE INDEX …" },
        { kind: "function", schema: "public", name: "touch()", change: "changed", diff: "" },
      ],
      chunksRead: 0,
      chunksSkipped: 0,
    };
    const p = previewFromDiff(diff, "Replaces the whole database shop");
    expect(p.tables[0]).toEqual({ table: "public.orders", rowsDeleted: 1203, rowsInserted: 45, rowsUpdated: 3211, schemaChanges: ["index orders_status_idx dropped"] });
    expect(p.summary).toEqual([
      "Replaces the whole database shop",
      "public.orders: 1 203 rows deleted, 45 inserted, 3 211 updated; index orders_status_idx dropped",
      "public.notes: 3 rows inserted",
      "function touch() redefined",
      "1 table unchanged",
    ]);
  });
});

describe("previewFromDiff wording of settings", () => {
  it("says an owner, grant or comment changed rather than created or dropped", () => {
    const diff: SnapshotDiff = {
      from: "live",
      to: "abc",
      tables: [table("public.orders", 0, 0, 0)],
      schema: [
        { kind: "owner", schema: "public", name: "table public.orders", table: "public.orders", change: "changed", diff: "" },
        { kind: "grant", schema: null, name: "schema public", change: "removed", diff: "" },
      ],
      chunksRead: 0,
      chunksSkipped: 0,
    };
    expect(previewFromDiff(diff, "h").summary).toEqual(["h", "public.orders: owner of table public.orders changed", "privileges on schema public changed"]);
  });
});
