// The CLI's cached bundle: built once, reused while its sources are unchanged, rebuilt when one of them changes.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error plain JavaScript module without types
import { cliBundle } from "./cli-bundle.js";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "tm-cli-bundle-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function write(file: string, text: string) {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}

const run = (entry: string) => execFileSync(process.execPath, [entry], { encoding: "utf8" }).trim();

describe("CLI bundle cache", () => {
  it("builds the bundle, reuses it while the sources are unchanged and rebuilds after an edit", async () => {
    write("lib/greeting.ts", `export const greeting: string = "hello";\n`);
    write("bin/tidemark.ts", `import { greeting } from "../lib/greeting";\nconsole.log(greeting);\n`);

    const first: string = await cliBundle(root);
    expect(run(first)).toBe("hello");
    expect(await cliBundle(root)).toBe(first);

    write("lib/greeting.ts", `export const greeting: string = "hello again";\n`);
    const second: string = await cliBundle(root);
    expect(second).not.toBe(first);
    expect(run(second)).toBe("hello again");
    // The earlier build stays for a process that may still be loading its chunks.
    expect(fs.existsSync(first)).toBe(true);
  });

  it("rebuilds when a source file the bundle was made from disappears", async () => {
    write("lib/extra.ts", `export const extra = 42;\n`);
    write("bin/tidemark.ts", `import { extra } from "../lib/extra";\nconsole.log(String(extra));\n`);
    const withExtra: string = await cliBundle(root);
    expect(run(withExtra)).toBe("42");
    fs.rmSync(path.join(root, "lib/extra.ts"));
    write("bin/tidemark.ts", `console.log("no extra");\n`);
    const without: string = await cliBundle(root);
    expect(without).not.toBe(withExtra);
    expect(run(without)).toBe("no extra");
  });
});
