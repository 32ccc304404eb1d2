// Copy destinations: created with the source's keys under their own passphrase; one with other keys is refused.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { Repository } from "../repository/repository";
import { LocalStorage } from "../repository/storage/local";
import { WrongPassphraseError } from "../repository/errors";
import { CopyKeysMismatchError, copySnapshot, openCopyDestination } from "./copy";

const dirs: string[] = [];
const tmp = async () => {
  const d = await fs.mkdtemp(path.join(os.tmpdir(), "tm-copy-"));
  dirs.push(d);
  return new LocalStorage(d);
};
afterEach(async () => {
  for (const d of dirs.splice(0)) await fs.rm(d, { recursive: true, force: true });
});

it("creates the destination with the same keys and chunker under its own passphrase", async () => {
  const from = await Repository.init(await tmp(), "source pass");
  const dest = await tmp();
  const to = await openCopyDestination(from, "source pass", dest, "dest pass");
  expect(to.id).not.toBe(from.id);
  expect(to.chunker).toEqual(from.chunker);
  const probe = Buffer.from("1\tsame content\n");
  expect(await to.chunkId(probe)).toBe(await from.chunkId(probe));
  await expect(Repository.open(dest, "source pass")).rejects.toBeInstanceOf(WrongPassphraseError);
  // Opening it again (the next copy) finds it and accepts it.
  expect((await openCopyDestination(from, "source pass", dest, "dest pass")).id).toBe(to.id);
});

it("refuses a destination that holds a repository with other keys, and copying an unknown snapshot fails", async () => {
  const from = await Repository.init(await tmp(), "source pass");
  const other = await tmp();
  await Repository.init(other, "dest pass");
  await expect(openCopyDestination(from, "source pass", other, "dest pass")).rejects.toBeInstanceOf(CopyKeysMismatchError);
  const to = await openCopyDestination(from, "source pass", await tmp(), "dest pass");
  await expect(copySnapshot({ from, to, snapshotId: "0000000000000000" })).rejects.toThrow(/0000000000000000/);
});
