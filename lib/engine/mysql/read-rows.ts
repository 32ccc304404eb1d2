// Streams one table's rows from a MySQL connection as canonical COPY text blocks, with backpressure.
import { Readable } from "node:stream";
import type { Connection } from "mysql2/promise";
import { encodeRow } from "../../codec/copy-text";
import { core as coreOf } from "./session";
import { rowEncoder } from "./values";

/** Bytes of encoded rows gathered before they are handed on (the chunker works best on big blocks). */
const BLOCK = 256 * 1024;
const HIGH_WATER = 1 << 20;

/** Every value as the raw bytes the server sent: nothing is parsed, so nothing is lost or reformatted. */
const RAW = (field: { buffer(): Buffer | null }) => field.buffer();

export interface RowRead {
  stream: Readable;
  /** Settles when the result set has been read to the end (or failed / was abandoned). */
  done: Promise<"ok" | "failed">;
}

/**
 * Runs `sql` on `c` and returns its rows as COPY text. The connection is paused while the consumer is
 * full; an abandoned or failed read destroys nothing itself — `done` tells the owner whether the
 * connection can be reused ("ok") or must be closed.
 */
export function readRows(c: Connection, sql: string, columnTypes: string[], describe: string): RowRead {
  const core = coreOf(c);
  const encode = rowEncoder(columnTypes);
  let parts: Buffer[] = [];
  let size = 0;
  let paused = false;
  let finished = false;
  let settle!: (v: "ok" | "failed") => void;
  const done = new Promise<"ok" | "failed">((r) => (settle = r));
  const stream = new Readable({
    highWaterMark: HIGH_WATER,
    read() {
      if (paused) {
        paused = false;
        core.resume();
      }
    },
    destroy(err, cb) {
      if (!finished) {
        finished = true;
        settle("failed");
      }
      cb(err);
    },
  });
  stream.on("error", () => {}); // reported to whoever consumes the stream; never an uncaught exception
  const flush = () => {
    if (size === 0) return true;
    const block = parts.length === 1 ? parts[0] : Buffer.concat(parts, size);
    parts = [];
    size = 0;
    return stream.push(block);
  };
  const q = core.query({ sql, rowsAsArray: true, typeCast: RAW as never });
  q.on("result", (row: unknown) => {
    if (finished) return;
    const line = encodeRow(encode(row as (Buffer | null)[]));
    parts.push(line);
    size += line.length;
    if (size >= BLOCK && !flush() && !paused) {
      paused = true;
      core.pause();
    }
  });
  q.on("error", (err: Error) => {
    if (finished) return;
    finished = true;
    settle("failed");
    stream.destroy(new Error(`${describe}: ${err.message}`, { cause: err }));
  });
  q.on("end", () => {
    if (finished) return;
    finished = true;
    flush();
    stream.push(null);
    settle("ok");
  });
  return { stream, done };
}
