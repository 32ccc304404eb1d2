// When an edit may reuse the stored password: only for the same server and user it was saved for, so "Test connection"
// or a save cannot send it to whatever host the form names now. Pure; the source actions call it.
import { buildConnectionUrl, type ConnectionFields, type EngineName } from "./connection";

export class PasswordNeeded extends Error {
  constructor(readonly reason: string) {
    super(`Type the password again: ${reason}. The stored password is only sent to the server and user it was saved for.`);
  }
}

function endpoint(url: string): { scheme: string; host: string; port: string; user: string } {
  const u = new URL(url);
  const scheme = /^postgres/i.test(u.protocol) ? "postgres" : "mysql";
  return { scheme, host: u.hostname.toLowerCase(), port: u.port || (scheme === "postgres" ? "5432" : "3306"), user: decodeURIComponent(u.username) };
}

/** How much the URL's TLS setting protects the password: 0 none/optional, 1 encrypted, 2 CA checked, 3 host checked too. */
function tlsRank(url: string): number {
  const q = new URL(url).searchParams;
  // Both drivers apply query parameters in order, so a repeated one counts by its last value.
  const mode = (q.getAll("sslmode").at(-1) ?? q.getAll("ssl-mode").at(-1) ?? "").toLowerCase().replace("_", "-");
  return { require: 1, required: 1, "verify-ca": 2, "verify-full": 3, "verify-identity": 3 }[mode] ?? 0;
}

/**
 * The stored password the form's empty password field may stand for: the stored one when engine, host, port and user are
 * unchanged, "" when none is needed (SQLite, a password typed, none stored). Throws PasswordNeeded otherwise.
 */
export function reusablePassword(engine: EngineName, connection: ConnectionFields, stored: { engine: EngineName; url: string } | null): string {
  if (!stored || engine === "SQLITE" || /^sqlite:/i.test(stored.url)) return "";
  const typed = buildConnectionUrl(engine, connection);
  if (new URL(typed).password) return "";
  const storedPassword = decodeURIComponent(new URL(stored.url).password);
  if (!storedPassword) return "";
  if (stored.engine !== engine) throw new PasswordNeeded("the engine changed");
  const now = endpoint(typed);
  const before = endpoint(stored.url);
  const changed: string[] = (["host", "port", "user"] as const).filter((k) => now[k] !== before[k]);
  if (now.scheme !== before.scheme) changed.unshift("host");
  // A weaker TLS setting (verify-full → disable) would let a man in the middle ask for the password in clear.
  if (tlsRank(typed) < tlsRank(stored.url)) changed.push("TLS setting (weaker now)");
  if (changed.length) throw new PasswordNeeded(`the ${changed.join(", ").replace(/, ([^,]*)$/, " and $1")} changed`);
  return storedPassword;
}
