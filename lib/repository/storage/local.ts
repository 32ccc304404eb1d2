// Local-directory storage backend: atomic writes (temp file + fsync + rename) so a crash never leaves a torn object.
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { StorageExistsError, StorageNotFoundError, type Storage } from "./types";

export class LocalStorage implements Storage {
  readonly location: string;

  constructor(root: string) {
    this.location = path.resolve(root);
  }

  private file(key: string): string {
    if (key.includes("..") || path.isAbsolute(key)) throw new Error(`Invalid storage key ${key}`);
    return path.join(this.location, key);
  }

  async put(key: string, body: Buffer | Readable, options?: { ifAbsent?: boolean }): Promise<void> {
    const target = this.file(key);
    const dir = path.dirname(target);
    const temp = path.join(dir, `.tmp-${path.basename(target)}-${randomBytes(6).toString("hex")}`);
    let fh: fs.FileHandle;
    try {
      fh = await fs.open(temp, "wx", 0o600);
    } catch (err) {
      // Directories are made on first need only: a mkdir per object costs more than the rare retry.
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
      await fs.mkdir(dir, { recursive: true });
      fh = await fs.open(temp, "wx", 0o600);
    }
    try {
      if (Buffer.isBuffer(body)) await fh.writeFile(body);
      // Written through the handle itself: a pipeline into createWriteStream({ autoClose: false }) waits for a
      // 'close' that never comes.
      else for await (const piece of body) await fh.write(piece as Buffer);
      await fh.sync();
    } catch (err) {
      await fh.close().catch(() => {});
      await fs.rm(temp, { force: true });
      throw err;
    }
    await fh.close();
    if (options?.ifAbsent) {
      // link() fails if the target exists, which rename() would silently replace: the create-exclusive primitive.
      try {
        await fs.link(temp, target);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "EEXIST") throw new StorageExistsError(key);
        throw err;
      } finally {
        await fs.rm(temp, { force: true });
      }
      return;
    }
    await fs.rename(temp, target);
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await fs.readFile(this.file(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") throw new StorageNotFoundError(key);
      throw err;
    }
  }

  getStream(key: string): Readable {
    const stream = createReadStream(this.file(key), { highWaterMark: 1 << 20 });
    const out = new Readable({ read() {}, highWaterMark: 1 << 20 });
    stream.on("data", (d) => {
      if (!out.push(d)) stream.pause();
    });
    out._read = () => stream.resume();
    stream.on("end", () => out.push(null));
    stream.on("error", (err: NodeJS.ErrnoException) =>
      out.destroy(err.code === "ENOENT" ? new StorageNotFoundError(key) : err),
    );
    return out;
  }

  async exists(key: string): Promise<boolean> {
    try {
      await fs.access(this.file(key));
      return true;
    } catch {
      return false;
    }
  }

  async *list(prefix: string): AsyncIterable<string> {
    const base = this.file(prefix);
    let entries;
    try {
      entries = await fs.readdir(base, { recursive: true, withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
      throw err;
    }
    for (const e of entries) {
      if (!e.isFile() || e.name.startsWith(".tmp-")) continue;
      yield path.relative(this.location, path.join(e.parentPath, e.name)).split(path.sep).join("/");
    }
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.file(key), { force: true });
  }
}
