// A small reader of prisma/schema.prisma: the models, their scalar fields and the enums, as the drift test needs them.
import { readFileSync } from "node:fs";

export interface PrismaField {
  name: string;
  column: string;
  type: string;
  optional: boolean;
  list: boolean;
  unique: boolean;
}
export interface PrismaModel {
  name: string;
  table: string;
  fields: PrismaField[];
  uniques: string[][];
  indexes: string[][];
}
export interface PrismaSchema {
  models: PrismaModel[];
  enums: Map<string, string[]>;
}

const SCALARS = new Set(["String", "Int", "BigInt", "Boolean", "DateTime", "Json", "Float", "Decimal", "Bytes"]);

function blocks(source: string, keyword: string): { name: string; body: string[] }[] {
  const out: { name: string; body: string[] }[] = [];
  const re = new RegExp(`^${keyword}\\s+(\\w+)\\s*\\{([\\s\\S]*?)^\\}`, "gm");
  for (const m of source.matchAll(re)) {
    const body = m[2]
      .split("\n")
      .map((l) => l.replace(/\/\/.*$/, "").trim())
      .filter(Boolean);
    out.push({ name: m[1], body });
  }
  return out;
}

function fieldList(attr: string): string[] {
  const m = attr.match(/\[([^\]]*)\]/);
  return m ? m[1].split(",").map((s) => s.trim().split("(")[0]) : [];
}

export function readPrismaSchema(file: string): PrismaSchema {
  const source = readFileSync(file, "utf8");
  const enums = new Map(blocks(source, "enum").map((b) => [b.name, b.body.filter((l) => !l.startsWith("@@"))]));
  const models = blocks(source, "model").map(({ name, body }) => {
    const model: PrismaModel = { name, table: name, fields: [], uniques: [], indexes: [] };
    for (const line of body) {
      if (line.startsWith("@@map")) model.table = line.match(/"([^"]+)"/)![1];
      else if (line.startsWith("@@unique")) model.uniques.push(fieldList(line));
      else if (line.startsWith("@@index")) model.indexes.push(fieldList(line));
      else if (!line.startsWith("@@")) {
        const m = line.match(/^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/);
        if (!m) continue;
        const [, fieldName, type, list, optional, attrs] = m;
        if (!SCALARS.has(type) && !enums.has(type)) continue; // relation field: no column
        const column = attrs.match(/@map\("([^"]+)"\)/)?.[1] ?? fieldName;
        model.fields.push({ name: fieldName, column, type, list: !!list, optional: !!optional, unique: /@unique\b/.test(attrs) });
      }
    }
    return model;
  });
  return { models, enums };
}

/** The information_schema description Prisma's PostgreSQL migrations give a field's column. */
export function expectedPgType(field: PrismaField, enums: Map<string, string[]>): { dataType: string; udt: string } {
  const base: Record<string, string> = {
    String: "text",
    Int: "int4",
    BigInt: "int8",
    Boolean: "bool",
    DateTime: "timestamp",
    Json: "jsonb",
    Float: "float8",
    Decimal: "numeric",
    Bytes: "bytea",
  };
  const udt = enums.has(field.type) ? field.type : base[field.type];
  if (field.list) return { dataType: "ARRAY", udt: `_${udt}` };
  return { dataType: enums.has(field.type) ? "USER-DEFINED" : "", udt };
}
