import { describe, expect, it } from "vitest";
import { qualify, quoteIdent, quoteLiteral } from "./quote";
import { connectError, describeUrl, statementError, urlForDatabase } from "./session";

describe("quoting", () => {
  it("always quotes identifiers and doubles embedded quotes", () => {
    expect(quoteIdent("select")).toBe('"select"');
    expect(quoteIdent('Order "Items" ü')).toBe('"Order ""Items"" ü"');
    expect(qualify("My Schema", "t")).toBe('"My Schema"."t"');
    expect(qualify(null, "t")).toBe('"t"');
  });

  it("doubles single quotes in literals", () => {
    expect(quoteLiteral("it's")).toBe("'it''s'");
  });
});

describe("connection errors", () => {
  const url = "postgres://backup:s3cr%3At@db.example:5433/shop";

  it("says what to check, naming host and port but never the password", () => {
    expect(connectError({ code: "ECONNREFUSED" }, url).message).toBe(
      "Cannot connect to db.example:5433: connection refused — is PostgreSQL running?",
    );
    expect(connectError({ code: "28P01" }, url).message).toBe('Cannot connect to db.example:5433: password authentication failed for user "backup"');
    expect(connectError({ code: "3D000" }, url).message).toBe('Cannot connect to db.example:5433: database "shop" does not exist');
    expect(connectError({ message: "weird failure with s3cr:t inside" }, url).message).not.toContain("s3cr:t");
    expect(statementError({ message: "boom s3cr:t" }, "Reading", url).message).toBe("Reading: boom ***");
  });

  it("parses and rewrites URLs without exposing them", () => {
    expect(describeUrl(url)).toEqual({ host: "db.example", port: "5433", user: "backup", database: "shop" });
    expect(urlForDatabase(url, "other db")).toBe("postgres://backup:s3cr%3At@db.example:5433/other%20db");
    expect(() => describeUrl("not a url with s3cret")).toThrow("Invalid PostgreSQL URL — expected postgres://user:password@host:port/database");
  });
});
