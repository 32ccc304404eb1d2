// A source's connection as the forms see it (host, port, TLS…) and as it is stored (one URL the worker's connectors read).
// Pure: the forms, the actions and the seed script share it; the password never comes back out of `describeConnection`.
import { z } from "zod";

export const ENGINES = ["POSTGRES", "MYSQL", "SQLITE"] as const;
export type EngineName = (typeof ENGINES)[number];
export const ENGINE_LABEL: Record<EngineName, string> = { POSTGRES: "PostgreSQL", MYSQL: "MySQL / MariaDB", SQLITE: "SQLite" };
export const TLS_MODES = ["disable", "require", "verify-full"] as const;
export type TlsMode = (typeof TLS_MODES)[number];

export const connectionFields = z.discriminatedUnion("mode", [
  z.object({
    mode: z.literal("fields"),
    host: z.string().trim().min(1, "Enter the host name or address").max(255),
    port: z.coerce.number().int().min(1, "Port must be 1–65535").max(65535, "Port must be 1–65535"),
    database: z.string().trim().min(1, "Enter the database name").max(128),
    user: z.string().trim().min(1, "Enter the user name").max(128),
    /** Empty when editing means "keep the stored password". */
    password: z.string().max(1024).default(""),
    tls: z.enum(TLS_MODES).default("disable"),
    /** verify-full: a CA certificate file readable on every worker machine (PostgreSQL sslrootcert, MySQL ssl-ca). */
    caPath: z.string().trim().max(1024).default(""),
  }),
  z.object({ mode: z.literal("url"), url: z.string().trim().min(1, "Paste the connection URL").max(4096) }),
  z.object({ mode: z.literal("file"), path: z.string().trim().min(1, "Enter the SQLite file's path").max(4096) }),
]);
export type ConnectionFields = z.infer<typeof connectionFields>;

const SCHEME: Record<Exclude<EngineName, "SQLITE">, string> = { POSTGRES: "postgres", MYSQL: "mysql" };

/** Query parameters pg or mysql2 would connect with instead of the URL's host, port, user or password. */
const REDIRECTING_PARAMS = new Set(["host", "hostaddr", "port", "user", "password", "socketpath", "socket", "service", "passfile", "options"]);

/** The stored URL for what the form says; `storedPassword` fills an empty password field (edit: keep it). */
export function buildConnectionUrl(engine: EngineName, c: ConnectionFields, storedPassword = ""): string {
  if (c.mode === "file") {
    if (engine !== "SQLITE") throw new Error("A file path is for SQLite sources");
    if (!c.path.startsWith("/")) throw new Error("Give the SQLite file's absolute path (starting with /) as the worker sees it");
    return `sqlite:${c.path}`;
  }
  if (c.mode === "url") {
    const url = c.url;
    const expected = engine === "POSTGRES" ? /^postgres(ql)?:\/\//i : engine === "MYSQL" ? /^(mysql|mariadb):\/\//i : /^sqlite:/i;
    if (!expected.test(url)) {
      const example = engine === "POSTGRES" ? "postgres://user:password@host:5432/database" : engine === "MYSQL" ? "mysql://user:password@host:3306/database" : "sqlite:/path/file.db";
      throw new Error(`That URL is not a ${ENGINE_LABEL[engine]} URL: expected ${example}`);
    }
    if (engine !== "SQLITE") {
      const u = new URL(url);
      if (!u.hostname) throw new Error("The URL has no host");
      // Both drivers let these query parameters override the URL's own host, port and user: the stored-password check
      // compares those, so a ?host= would send the stored password elsewhere.
      const redirecting = [...u.searchParams.keys()].filter((k) => REDIRECTING_PARAMS.has(k.toLowerCase()));
      if (redirecting.length) throw new Error(`Put the host, port and user in the URL itself, not as ${redirecting.map((k) => `?${k}=`).join(", ")} parameters`);
      if (!u.pathname.replace(/^\//, "")) throw new Error("The URL names no database: add /database at the end");
      if (!u.password && storedPassword) u.password = encodeURIComponent(storedPassword);
      return u.toString();
    }
    return url;
  }
  if (engine === "SQLITE") throw new Error("A SQLite source is a file path");
  const u = new URL(`${SCHEME[engine]}://placeholder`);
  u.hostname = c.host;
  u.port = String(c.port);
  u.username = encodeURIComponent(c.user);
  const password = c.password || storedPassword;
  if (password) u.password = encodeURIComponent(password);
  u.pathname = `/${encodeURIComponent(c.database)}`;
  if (engine === "POSTGRES") {
    // pg reads these: "require" encrypts without checking the certificate (libpq's meaning, hence uselibpqcompat).
    if (c.tls === "require") {
      u.searchParams.set("uselibpqcompat", "true");
      u.searchParams.set("sslmode", "require");
    }
    if (c.tls === "verify-full") {
      u.searchParams.set("sslmode", "verify-full");
      if (c.caPath) u.searchParams.set("sslrootcert", c.caPath);
    }
  }
  if (engine === "MYSQL") {
    // The mysql client's own option names, read by lib/engine/mysql/session.ts.
    if (c.tls === "require") u.searchParams.set("ssl-mode", "REQUIRED");
    if (c.tls === "verify-full") {
      u.searchParams.set("ssl-mode", "VERIFY_IDENTITY");
      if (c.caPath) u.searchParams.set("ssl-ca", c.caPath);
    }
  }
  return u.toString();
}

/** What the edit form shows: every setting except the password (only whether one is stored). */
export type ConnectionView =
  | { mode: "fields"; host: string; port: number; database: string; user: string; tls: TlsMode; caPath: string; hasPassword: boolean }
  | { mode: "file"; path: string };

const pgTls = (sslmode: string | null): TlsMode => (sslmode === "require" ? "require" : sslmode === "verify-full" ? "verify-full" : "disable");
const mysqlTls = (sslMode: string | null): TlsMode => {
  const mode = sslMode?.toUpperCase();
  return mode === "REQUIRED" ? "require" : mode === "VERIFY_IDENTITY" ? "verify-full" : "disable";
};

export function describeConnection(url: string): ConnectionView {
  if (/^sqlite:/i.test(url)) return { mode: "file", path: url.replace(/^sqlite:(\/\/)?/i, "") };
  const u = new URL(url);
  const isPg = /^postgres/i.test(u.protocol);
  const tls = isPg ? pgTls(u.searchParams.get("sslmode")) : mysqlTls(u.searchParams.get("ssl-mode"));
  return {
    mode: "fields",
    host: u.hostname,
    port: Number(u.port || (isPg ? 5432 : 3306)),
    database: decodeURIComponent(u.pathname.replace(/^\//, "")),
    user: decodeURIComponent(u.username),
    tls,
    caPath: u.searchParams.get(isPg ? "sslrootcert" : "ssl-ca") ?? "",
    hasPassword: Boolean(u.password),
  };
}

export function storedPasswordOf(url: string): string {
  if (/^sqlite:/i.test(url)) return "";
  return decodeURIComponent(new URL(url).password);
}

/** "db.example:5432/shop" — where it points, for lists and logs; no user, no password. */
export function displayTargetOf(url: string): string {
  if (/^sqlite:/i.test(url)) return url.replace(/^sqlite:(\/\/)?/i, "");
  const u = new URL(url);
  const isPg = /^postgres/i.test(u.protocol);
  return `${u.hostname}:${u.port || (isPg ? 5432 : 3306)}/${decodeURIComponent(u.pathname.replace(/^\//, ""))}`;
}
