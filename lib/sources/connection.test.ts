// Source connection forms ↔ stored URL: TLS settings, kept passwords, and the view that never carries the password.
import { describe, expect, it } from "vitest";
import { buildConnectionUrl, connectionFields, describeConnection, displayTargetOf, storedPasswordOf } from "./connection";

const pg = (over: Record<string, unknown> = {}) =>
  connectionFields.parse({ mode: "fields", host: "db.example", port: "5432", database: "shop", user: "backup", password: "p@ss:w/rd", ...over });

describe("source connections", () => {
  it("builds a PostgreSQL URL with an encoded password and no TLS parameters by default", () => {
    const url = buildConnectionUrl("POSTGRES", pg());
    expect(url).toBe("postgres://backup:p%40ss%3Aw%2Frd@db.example:5432/shop");
    expect(storedPasswordOf(url)).toBe("p@ss:w/rd");
  });

  it("maps TLS modes to what pg understands", () => {
    expect(buildConnectionUrl("POSTGRES", pg({ tls: "require" }))).toContain("uselibpqcompat=true&sslmode=require");
    const full = buildConnectionUrl("POSTGRES", pg({ tls: "verify-full", caPath: "/etc/ssl/db-ca.pem" }));
    expect(full).toContain("sslmode=verify-full&sslrootcert=%2Fetc%2Fssl%2Fdb-ca.pem");
    expect(describeConnection(full)).toMatchObject({ tls: "verify-full", caPath: "/etc/ssl/db-ca.pem" });
  });

  it("maps the same TLS choices to the mysql client's ssl-mode / ssl-ca and back", () => {
    const my = (over: Record<string, unknown>) => pg({ port: 3306, ...over });
    const plain = buildConnectionUrl("MYSQL", my({}));
    expect(plain).toBe("mysql://backup:p%40ss%3Aw%2Frd@db.example:3306/shop");
    expect(describeConnection(plain)).toMatchObject({ tls: "disable", caPath: "" });
    const req = buildConnectionUrl("MYSQL", my({ tls: "require" }));
    expect(req).toBe("mysql://backup:p%40ss%3Aw%2Frd@db.example:3306/shop?ssl-mode=REQUIRED");
    expect(describeConnection(req)).toMatchObject({ tls: "require", caPath: "" });
    const full = buildConnectionUrl("MYSQL", my({ tls: "verify-full", caPath: "/etc/ssl/db-ca.pem" }));
    expect(full).toBe("mysql://backup:p%40ss%3Aw%2Frd@db.example:3306/shop?ssl-mode=VERIFY_IDENTITY&ssl-ca=%2Fetc%2Fssl%2Fdb-ca.pem");
    expect(describeConnection(full)).toMatchObject({ tls: "verify-full", caPath: "/etc/ssl/db-ca.pem", port: 3306 });
    expect(buildConnectionUrl("MYSQL", my({ tls: "verify-full" }))).toMatch(/\?ssl-mode=VERIFY_IDENTITY$/);
    // A pasted URL keeps its ssl-mode, and PostgreSQL's names do not leak into MySQL URLs.
    expect(describeConnection(buildConnectionUrl("MYSQL", { mode: "url", url: "mysql://u:p@h:3306/db?ssl-mode=REQUIRED" }))).toMatchObject({ tls: "require" });
    expect(full).not.toContain("sslmode");
  });

  it("keeps the stored password when the edit form leaves it empty, and replaces it when given", () => {
    expect(storedPasswordOf(buildConnectionUrl("MYSQL", pg({ password: "", port: 3306 }), "old-secret"))).toBe("old-secret");
    expect(storedPasswordOf(buildConnectionUrl("MYSQL", pg({ password: "new", port: 3306 }), "old-secret"))).toBe("new");
    expect(storedPasswordOf(buildConnectionUrl("POSTGRES", { mode: "url", url: "postgres://u@h:5432/db" }, "kept"))).toBe("kept");
  });

  it("describes a connection without its password", () => {
    const view = describeConnection("mysql://root:topsecret@127.0.0.1:3306/shop");
    expect(view).toEqual({ mode: "fields", host: "127.0.0.1", port: 3306, database: "shop", user: "root", tls: "disable", caPath: "", hasPassword: true });
    expect(JSON.stringify(view)).not.toContain("topsecret");
    expect(displayTargetOf("mysql://root:topsecret@127.0.0.1:3306/shop")).toBe("127.0.0.1:3306/shop");
  });

  it("refuses URLs of another engine or without a database, and relative SQLite paths", () => {
    expect(() => buildConnectionUrl("POSTGRES", { mode: "url", url: "mysql://u:p@h/db" })).toThrow(/not a PostgreSQL URL/);
    expect(() => buildConnectionUrl("MYSQL", { mode: "url", url: "mysql://u:p@h:3306" })).toThrow(/names no database/);
    expect(() => buildConnectionUrl("SQLITE", { mode: "file", path: "shop.db" })).toThrow(/absolute path/);
    expect(buildConnectionUrl("SQLITE", { mode: "file", path: "/srv/shop.db" })).toBe("sqlite:/srv/shop.db");
  });

  it("names the field at fault", () => {
    const r = connectionFields.safeParse({ mode: "fields", host: "h", port: "70000", database: "d", user: "u" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toBe("Port must be 1–65535");
  });
});
