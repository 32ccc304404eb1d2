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

  it("rebuilds when a file changes without changing its size or time, and keeps the retired build for a while", async () => {
    write("lib/word.ts", `export const word = "aaaa";\n`);
    write("bin/tidemark.ts", `import { word } from "../lib/word";\nconsole.log(word);\n`);
    const before: string = await cliBundle(root);
    expect(run(before)).toBe("aaaa");
    const file = path.join(root, "lib/word.ts");
    const { atime, mtime } = fs.statSync(file);
    fs.writeFileSync(file, `export const word = "bbbb";\n`);
    fs.utimesSync(file, atime, mtime); // as a deploy that keeps file times would
    const after: string = await cliBundle(root);
    expect(after).not.toBe(before);
    expect(run(after)).toBe("bbbb");
    expect(fs.existsSync(before)).toBe(true);
  });

  it("builds into a per-user cache when node_modules cannot be written", async () => {
    const ro = fs.mkdtempSync(path.join(os.tmpdir(), "tm-cli-ro-"));
    fs.mkdirSync(path.join(ro, "bin"));
    fs.writeFileSync(path.join(ro, "bin/tidemark.ts"), `console.log("read-only");\n`);
    // A file where the directory should be: not even root can create the cache there (permissions would not stop root).
    fs.writeFileSync(path.join(ro, "node_modules"), "");
    try {
      const entry: string = await cliBundle(ro);
      expect(entry.startsWith(os.tmpdir())).toBe(true);
      expect(entry.includes(path.join(ro, "node_modules"))).toBe(false);
      expect(run(entry)).toBe("read-only");
    } finally {
      fs.rmSync(ro, { recursive: true, force: true });
    }
  });
});
