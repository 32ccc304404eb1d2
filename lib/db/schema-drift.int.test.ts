// Fails when prisma/schema.prisma and the database our SQL migrations build disagree.
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgDatabase, type TempPgDatabase } from "../../test/support/databases";
import { expectedPgType, readPrismaSchema } from "../../test/support/prisma-schema";
import { migrate } from "./migrate";

const schema = readPrismaSchema(path.resolve(import.meta.dirname, "../../prisma/schema.prisma"));
let database: TempPgDatabase;
let client: pg.Client;

beforeAll(async () => {
  database = await createPgDatabase("tm_drift");
  await migrate(database.url);
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await database?.drop();
});

interface ColumnRow {
  table_name: string;
  column_name: string;
  data_type: string;
  udt_name: string;
  is_nullable: "YES" | "NO";
}

describe("schema.prisma matches the migrated database", () => {
  it("has a table for every model and a column of the right type and nullability for every field", async () => {
    const { rows } = await client.query<ColumnRow>(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    const columns = new Map(rows.map((r) => [`${r.table_name}.${r.column_name}`, r]));
    const problems: string[] = [];
    for (const model of schema.models) {
      for (const field of model.fields) {
        const col = columns.get(`${model.table}.${field.column}`);
        if (!col) {
          problems.push(`${model.name}.${field.name}: no column "${model.table}"."${field.column}"`);
          continue;
        }
        const want = expectedPgType(field, schema.enums);
        if (col.udt_name !== want.udt) problems.push(`${model.name}.${field.name}: column type ${col.udt_name}, schema says ${want.udt}`);
        // Prisma creates list columns nullable; every other field is NOT NULL unless marked optional.
        const wantNullable = field.optional || field.list;
        if ((col.is_nullable === "YES") !== wantNullable) {
          problems.push(`${model.name}.${field.name}: column is ${col.is_nullable === "YES" ? "nullable" : "NOT NULL"}, schema says ${wantNullable ? "optional" : "required"}`);
        }
      }
      const known = new Set(model.fields.map((f) => f.column));
      for (const r of rows.filter((r) => r.table_name === model.table && !known.has(r.column_name))) {
        problems.push(`${model.table}.${r.column_name}: column has no field in the model`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("has every enum with the same values", async () => {
    const { rows } = await client.query<{ typname: string; labels: string[] }>(
      `SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS labels
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
    );
    const actual = Object.fromEntries(rows.map((r) => [r.typname, r.labels]));
    expect(actual).toEqual(Object.fromEntries(schema.enums));
  });

  it("has a unique index for every @unique and @@unique", async () => {
    const { rows } = await client.query<{ table: string; columns: string[] }>(
      `SELECT c.relname AS table, array_agg(a.attname ORDER BY k.ord)::text[] AS columns
         FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
         JOIN LATERAL unnest(i.indkey) WITH ORDINALITY k(attnum, ord) ON true
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
        WHERE i.indisunique AND NOT i.indisprimary GROUP BY c.relname, i.indexrelid`,
    );
    const actual = new Set(rows.map((r) => `${r.table}(${r.columns.join(",")})`));
    const missing: string[] = [];
    for (const model of schema.models) {
      const wanted = [...model.fields.filter((f) => f.unique).map((f) => [f.column]), ...model.uniques];
      for (const cols of wanted) if (!actual.has(`${model.table}(${cols.join(",")})`)) missing.push(`${model.table}(${cols.join(",")})`);
    }
    expect(missing).toEqual([]);
  });
});
