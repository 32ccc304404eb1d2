import { describe, expect, it } from "vitest";
import type { ConnectionFields } from "./connection";
import { PasswordNeeded, reusablePassword } from "./stored-password";

const stored = { engine: "POSTGRES" as const, url: "postgres://backup:s%40cret@db.example.com:5432/shop" };
const form = (over: Partial<Extract<ConnectionFields, { mode: "fields" }>> = {}): ConnectionFields => ({
  mode: "fields", host: "db.example.com", port: 5432, database: "shop", user: "backup", password: "", tls: "disable", caPath: "", ...over,
});

describe("reusablePassword", () => {
  it("reuses the stored password for the same engine, host, port and user (database and TLS may change)", () => {
    expect(reusablePassword("POSTGRES", form(), stored)).toBe("s@cret");
    expect(reusablePassword("POSTGRES", form({ host: "DB.example.com", database: "shop2", tls: "require" }), stored)).toBe("s@cret");
  });

  it("refuses to send it to another host, port or user, naming what changed", () => {
    expect(() => reusablePassword("POSTGRES", form({ host: "attacker.example" }), stored)).toThrow(PasswordNeeded);
    expect(() => reusablePassword("POSTGRES", form({ host: "attacker.example" }), stored)).toThrow(/host changed/);
    expect(() => reusablePassword("POSTGRES", form({ port: 6543 }), stored)).toThrow(/port changed/);
    expect(() => reusablePassword("POSTGRES", form({ user: "postgres" }), stored)).toThrow(/user changed/);
    expect(() => reusablePassword("POSTGRES", form({ host: "x.example", user: "root" }), stored)).toThrow(/host and user changed/);
    expect(() => reusablePassword("POSTGRES", { mode: "url", url: "postgres://backup@attacker.example:5432/shop" }, stored)).toThrow(/host changed/);
    expect(() => reusablePassword("MYSQL", form({ port: 5432 }), stored)).toThrow(/engine changed/);
  });

  it("refuses a pasted URL whose query would redirect the connection, and a weaker TLS setting", () => {
    for (const q of ["host=attacker.example", "hostaddr=10.9.9.9", "port=6543", "user=postgres", "options=-c%20x"]) {
      expect(() => reusablePassword("POSTGRES", { mode: "url", url: `postgres://backup@db.example.com:5432/shop?${q}` }, stored)).toThrow(/not as \?/);
    }
    expect(() => reusablePassword("MYSQL", { mode: "url", url: "mysql://backup@db.example.com:3306/shop?socketPath=/tmp/x" }, { engine: "MYSQL", url: "mysql://backup:pw@db.example.com:3306/shop" })).toThrow(/not as \?socketPath=/);
    const verified = { engine: "POSTGRES" as const, url: "postgres://backup:s%40cret@db.example.com:5432/shop?sslmode=verify-full" };
    expect(() => reusablePassword("POSTGRES", form({ tls: "disable" }), verified)).toThrow(/TLS setting \(weaker now\) changed/);
    expect(() => reusablePassword("POSTGRES", form({ tls: "require" }), verified)).toThrow(/TLS setting/);
    expect(reusablePassword("POSTGRES", form({ tls: "verify-full" }), verified)).toBe("s@cret");
    // The drivers use the last of repeated parameters.
    expect(() => reusablePassword("POSTGRES", { mode: "url", url: "postgres://backup@db.example.com:5432/shop?sslmode=verify-full&sslmode=disable" }, verified)).toThrow(/TLS setting/);
  });

  it("needs nothing stored when a password is typed, none is stored, it is a new source, or it is SQLite", () => {
    expect(reusablePassword("POSTGRES", form({ host: "other.example", password: "typed" }), stored)).toBe("");
    expect(reusablePassword("POSTGRES", form({ host: "other.example" }), { engine: "POSTGRES", url: "postgres://backup@db.example.com:5432/shop" })).toBe("");
    expect(reusablePassword("POSTGRES", form(), null)).toBe("");
    expect(reusablePassword("SQLITE", { mode: "file", path: "/data/other.db" }, { engine: "SQLITE", url: "sqlite:/data/app.db" })).toBe("");
  });
});
