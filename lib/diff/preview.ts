// The restore preview: what restoring a snapshot will do to its target, per table and in a few summary lines
// ("public.orders: 1 203 rows deleted, 45 inserted, 3 211 updated; index orders_status_idx dropped").
import { tableKey } from "../engine/types";
import type { Manifest } from "../repository/manifest";
import { groupDigits } from "./display";
import { narrowSchema, ownerTable, resolveTables } from "./diff";
import type { SchemaChange, SnapshotDiff } from "./types";

export interface TablePreview {
  table: string;
  rowsDeleted: number;
  rowsInserted: number;
  rowsUpdated: number;
  /** "index orders_status_idx dropped", "table public.orders created", … */
  schemaChanges: string[];
}

export interface RestorePreview {
  tables: TablePreview[];
  /** One line per table that changes, then one per schema object outside any table; first line says the scope. */
  summary: string[];
}

const VERB: Record<SchemaChange["change"], string> = { added: "created", removed: "dropped", changed: "redefined" };
const qualified = (s: { schema: string | null; name: string }) => (s.schema ? `${s.schema}.${s.name}` : s.name);
/** Objects that are settings of another object rather than objects of their own: said as "… changed". */
const SETTING: Record<string, string> = { owner: "owner of", grant: "privileges on", comment: "comment on" };
const phrase = (c: SchemaChange) =>
  SETTING[c.kind] ? `${SETTING[c.kind]} ${c.name} changed` : `${c.kind} ${c.kind === "table" ? qualified(c) : c.name} ${VERB[c.change]}`;

function tableLine(t: TablePreview): string | null {
  const rows = [
    t.rowsDeleted ? `${groupDigits(t.rowsDeleted)} rows deleted` : "",
    t.rowsInserted ? `${groupDigits(t.rowsInserted)} inserted` : "",
    t.rowsUpdated ? `${groupDigits(t.rowsUpdated)} updated` : "",
  ].filter(Boolean);
  if (!rows.length && !t.schemaChanges.length) return null;
  // "45 inserted" alone reads oddly: the first count always says "rows".
  if (rows.length && !rows[0].includes("rows")) rows[0] = rows[0].replace(/^([\d ]+) /, "$1 rows ");
  return `${t.table}: ${[rows.join(", "), t.schemaChanges.join(", ")].filter(Boolean).join("; ")}`;
}

function finish(tables: TablePreview[], others: string[], heading: string): RestorePreview {
  const lines = tables.map(tableLine).filter((l): l is string => l !== null);
  const unchanged = tables.length - lines.length;
  return {
    tables,
    summary: [heading, ...lines, ...others, ...(unchanged ? [`${unchanged} table${unchanged === 1 ? "" : "s"} unchanged`] : [])],
  };
}

/** Replace in place or into another source: `diff` is the live target → snapshot diff (diffLive "live-to-snapshot"). */
export function previewFromDiff(diff: SnapshotDiff, heading: string): RestorePreview {
  const byTable = new Map<string, string[]>();
  const others: string[] = [];
  for (const c of diff.schema) {
    const owner = c.table;
    if (owner && diff.tables.some((t) => t.table === owner)) byTable.set(owner, [...(byTable.get(owner) ?? []), phrase(c)]);
    else others.push(phrase(c));
  }
  const tables = diff.tables.map((t) => ({
    table: t.table,
    rowsDeleted: t.rowsRemoved,
    rowsInserted: t.rowsAdded,
    rowsUpdated: t.rowsChanged,
    schemaChanges: byTable.get(t.table) ?? [],
  }));
  return finish(tables, others, heading);
}

/** Into a new database: every chosen table is created and all its rows inserted. */
export function previewNewDatabase(manifest: Manifest, database: string, tables?: string[]): RestorePreview {
  const names = manifest.tables.map((t) => tableKey(t.ref));
  const chosen = new Set(tables?.length ? resolveTables(names, tables) : names);
  const objects = narrowSchema(manifest.schema.objects, chosen);
  const picked = manifest.tables.filter((t) => chosen.has(tableKey(t.ref)));
  const rows = picked.reduce((n, t) => n + t.rows, 0);
  const preview = picked.map((t) => {
    const key = tableKey(t.ref);
    const own = objects.filter((o) => ownerTable(o) === key && o.kind !== "table" && !SETTING[o.kind]);
    return {
      table: key,
      rowsDeleted: 0,
      rowsInserted: t.rows,
      rowsUpdated: 0,
      schemaChanges: [`table ${key} created`, ...own.map((o) => `${o.kind} ${o.name} created`)],
    };
  });
  return finish(preview, [], `Creates the new database ${database}: ${groupDigits(picked.length)} tables, ${groupDigits(rows)} rows; nothing existing is touched.`);
}
