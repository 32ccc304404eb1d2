// TLS settings against the real local MariaDB: a URL asking for TLS is refused with a plain reason when the server
// does not offer it (have_ssl = DISABLED here), on every path that opens a connection; without ssl-mode it connects.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMysqlDatabase, mysqlExec, uniqueName, type TempMysqlDatabase } from "../../../test/support/databases";
import { dropDatabase } from "../drop-database";
import { mysqlConnector } from "./index";

let db: TempMysqlDatabase;
let haveSsl: string;
const withSslMode = (url: string, mode: string) => `${url}?ssl-mode=${mode}`;

beforeAll(async () => {
  db = await createMysqlDatabase("tm_mytls");
  const rows = (await mysqlExec("SHOW VARIABLES LIKE 'have_ssl'")) as { Value: string }[];
  haveSsl = rows[0]?.Value ?? "NO";
});
afterAll(() => db?.drop());

describe("MySQL TLS against the local server", () => {
  it("connects without ssl-mode (test, and dropping a scratch database through the same session)", async () => {
    const info = await mysqlConnector(db.url).test();
    expect(info.version).toMatch(/\d+\.\d+/);
    const scratch = uniqueName("tm_mytls_scratch");
    await mysqlExec(`CREATE DATABASE \`${scratch}\``);
    await dropDatabase(db.url, scratch);
    expect((await mysqlExec(`SHOW DATABASES LIKE '${scratch}'`)) as unknown[]).toHaveLength(0);
  });

  it("ssl-mode=REQUIRED fails with a plain reason when the server has TLS off (test, forDatabase, drop)", async () => {
    const url = withSslMode(db.url, "REQUIRED");
    if (haveSsl === "YES") {
      // A server with TLS on: REQUIRED must connect encrypted instead.
      await expect(mysqlConnector(url).test()).resolves.toBeTruthy();
      return;
    }
    const plain = /the server does not offer TLS — enable it on the server \(ssl_cert\/ssl_key\) or set TLS to 'Off'/;
    await expect(mysqlConnector(url).test()).rejects.toThrow(plain);
    await expect(mysqlConnector(url).forDatabase("mysql").test()).rejects.toThrow(plain);
    await expect(mysqlConnector(url).introspect()).rejects.toThrow(plain);
    await expect(dropDatabase(url, db.name)).rejects.toThrow(plain);
  });

  it("VERIFY_IDENTITY with a missing CA file names the file before connecting", async () => {
    const url = `${db.url}?ssl-mode=VERIFY_IDENTITY&ssl-ca=${encodeURIComponent("/nonexistent/tidemark-ca.pem")}`;
    await expect(mysqlConnector(url).test()).rejects.toThrow("Cannot read the CA certificate file /nonexistent/tidemark-ca.pem (ssl-ca): no such file");
  });
});
