// The MySQL URL's TLS settings (ssl-mode, ssl-ca) → mysql2's `ssl` option, kept when the URL is pointed at another database.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { connectError, parseUrl, sslOption, urlForDatabase } from "./session";

const dir = await mkdtemp(join(tmpdir(), "tm-mysql-tls-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

const sslFor = (url: string) => sslOption(parseUrl(url).tls);

describe("MySQL TLS from the URL", () => {
  it("uses no TLS without ssl-mode or with DISABLED", async () => {
    expect(await sslFor("mysql://u:p@db.example:3306/shop")).toBeUndefined();
    expect(await sslFor("mysql://u:p@db.example:3306/shop?ssl-mode=DISABLED")).toBeUndefined();
  });

  it("REQUIRED encrypts without checking the certificate", async () => {
    expect(await sslFor("mysql://u:p@db.example:3306/shop?ssl-mode=REQUIRED")).toEqual({ rejectUnauthorized: false });
    expect(await sslFor("mariadb://u:p@db.example/shop?ssl-mode=required")).toEqual({ rejectUnauthorized: false });
  });

  it("VERIFY_IDENTITY checks the certificate against the CA file read at connect, or the system CAs", async () => {
    const ca = join(dir, "ca.pem");
    await writeFile(ca, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    const url = `mysql://u:p@db.example:3306/shop?ssl-mode=VERIFY_IDENTITY&ssl-ca=${encodeURIComponent(ca)}`;
    expect(await sslFor(url)).toEqual({ ca: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", rejectUnauthorized: true });
    expect(await sslFor("mysql://u:p@db.example:3306/shop?ssl-mode=VERIFY_IDENTITY")).toEqual({ rejectUnauthorized: true });
  });

  it("names a missing CA file's path", async () => {
    const missing = join(dir, "nope.pem");
    await expect(sslFor(`mysql://u:p@h/db?ssl-mode=VERIFY_IDENTITY&ssl-ca=${missing}`)).rejects.toThrow(`Cannot read the CA certificate file ${missing} (ssl-ca): no such file`);
  });

  it("refuses an ssl-mode it cannot honour instead of silently connecting in plain text", () => {
    expect(() => parseUrl("mysql://u:p@h/db?ssl-mode=PREFERRED")).toThrow(/Unsupported ssl-mode "PREFERRED"/);
  });

  it("keeps the TLS settings when pointed at another database (forDatabase, restore into a new database)", () => {
    const url = "mysql://u:s3cr%3At@db.example:3307/shop?ssl-mode=VERIFY_IDENTITY&ssl-ca=%2Fetc%2Fca.pem";
    const other = urlForDatabase(url, "shop restored");
    expect(other).toBe("mysql://u:s3cr%3At@db.example:3307/shop%20restored?ssl-mode=VERIFY_IDENTITY&ssl-ca=%2Fetc%2Fca.pem");
    expect(parseUrl(other).tls).toEqual({ mode: "verify-identity", caPath: "/etc/ca.pem" });
  });

  it("says what to do when MySQL 8 authentication fails in the client or the plugin is off", () => {
    const ep = parseUrl("mysql://bk:s3cret@db.example:3306/shop");
    const rsa = Object.assign(new Error("error:1E08010C:DECODER routines::unsupported"), { code: "AUTH_SWITCH_PLUGIN_ERROR" });
    expect(connectError(rsa, ep).message).toContain("needs TLS or the server's RSA key pair: set TLS to 'Require'");
    const native = Object.assign(new Error("Plugin 'mysql_native_password' is not loaded"), { code: "ER_PLUGIN_IS_NOT_LOADED" });
    expect(connectError(native, ep).message).toContain("ALTER USER … IDENTIFIED WITH caching_sha2_password");
    const ed25519 = Object.assign(new Error("Plugin 'ed25519' is not loaded"), { code: "ER_PLUGIN_IS_NOT_LOADED" });
    expect(connectError(ed25519, ep).message).toContain("load the plugin on the server");
    expect(connectError(ed25519, ep).message).not.toContain("MySQL 8.4");
    const unknown = Object.assign(new Error("Server requests authentication using unknown plugin client_ed25519. See TODO: add plugins doco here on how to handle that"), {
      code: "AUTH_SWITCH_PLUGIN_ERROR",
    });
    expect(connectError(unknown, ep).message).toMatch(/^Cannot connect to db\.example:3306: user "bk" uses an authentication plugin Tidemark does not support/);
    expect(connectError(unknown, ep).message).not.toContain("TODO");
  });

  it("says plainly when the server does not offer TLS", () => {
    const err = Object.assign(new Error("Server does not support secure connection"), { code: "HANDSHAKE_NO_SSL_SUPPORT" });
    expect(connectError(err, parseUrl("mysql://u:p@db.example:3306/shop?ssl-mode=REQUIRED")).message).toBe(
      "Cannot connect to db.example:3306: the server does not offer TLS — enable it on the server (ssl_cert/ssl_key) or set TLS to 'Off'",
    );
  });
});
