// The only reader of process.env: every setting Tidemark understands, checked once with zod.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const flag = z
  .enum(["0", "1", "true", "false", "yes", "no", "on", "off", ""])
  .optional()
  .transform((v) => (v === undefined || v === "" ? undefined : ["1", "true", "yes", "on"].includes(v)));

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.url().optional(),
  TIDEMARK_DATA_DIR: z.string().default(".data"),
  TIDEMARK_SECRET: z.string().min(32, "TIDEMARK_SECRET must be at least 32 characters").optional(),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  NEXTAUTH_URL: z.url().optional(),
  HOST: z.string().default("127.0.0.1"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(5433),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(10, "ADMIN_PASSWORD must be at least 10 characters").optional(),
  TIDEMARK_DEMO: flag,
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_NAME: z.string().default("Single sign-on"),
  OIDC_DEFAULT_ROLE: z.enum(["ADMIN", "OPERATOR", "VIEWER"]).default("VIEWER"),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  /** Proxies in front of the web app that append to X-Forwarded-For (0: no proxy, client addresses unknown). */
  TIDEMARK_TRUST_PROXY: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || ["0", "false", "no", "off"].includes(v)) return 0;
      if (["true", "yes", "on"].includes(v)) return 1;
      const n = Number(v);
      if (Number.isInteger(n) && n >= 0 && n <= 10) return n;
      ctx.addIssue({ code: "custom", message: "must be the number of proxies in front of Tidemark (0–10) or true/false" });
      return z.NEVER;
    }),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** Parsed settings; throws one readable line naming every bad variable. */
export function env(): Env {
  if (cached) return cached;
  const raw = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ""));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid configuration — ${problems}. Fix the environment variables (see README "Configuration").`);
  }
  cached = parsed.data;
  return cached;
}

/** For `npm start`, which fills in DATABASE_URL and TIDEMARK_SECRET before starting the app. */
export function reloadEnv(): Env {
  cached = undefined;
  return env();
}

export function dataDir(): string {
  return path.resolve(env().TIDEMARK_DATA_DIR);
}

export const SECRET_FILE = "tidemark-secret";

/** TIDEMARK_SECRET, else the one `npm start` generated into the data directory. */
export function tidemarkSecret(): string {
  const fromEnv = env().TIDEMARK_SECRET;
  if (fromEnv) return fromEnv;
  const file = path.join(dataDir(), SECRET_FILE);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  throw new Error(`TIDEMARK_SECRET is not set and ${file} does not exist — run \`npm start\` once or set TIDEMARK_SECRET.`);
}

export function databaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set — start Tidemark with `npm start`, which provides it.");
  return url;
}

export function oidcConfig(): { issuer: string; clientId: string; clientSecret: string; name: string } | null {
  const e = env();
  if (!e.OIDC_ISSUER || !e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET) return null;
  return { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET, name: e.OIDC_NAME };
}
