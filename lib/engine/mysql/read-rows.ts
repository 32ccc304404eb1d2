// Streams one table's rows from a MySQL connection as canonical COPY text blocks, with backpressure.
import { Readable } from "node:stream";
import type { Connection } from "mysql2/promise";
import { RowTranscoder } from "./row-transcoder";
import { core as coreOf } from "./session";
import { bitWidth, kindOf } from "./values";

/** Bytes of encoded rows gathered before they are handed on (the chunker works best on big blocks). */
const BLOCK = 256 * 1024;
const HIGH_WATER = 1 << 20;

interface RowPacket {
  buffer: Buffer;
  offset: number;
  end: number;
  isEOF(): boolean;
}
type State = (this: QueryCommand, packet: RowPacket, connection: unknown) => State | null;
interface QueryCommand {
  row: State;
  on(event: string, fn: (...args: never[]) => void): void;
}

export interface RowRead {
  stream: Readable;
  /** Settles when the result set has been read to the end (or failed / was abandoned). */
  done: Promise<"ok" | "failed">;
}

/**
 * Runs `sql` on `c` and returns its rows as COPY text. Each row packet is transcoded in place (see
 * row-transcoder.ts). The connection is paused while the consumer is full; `done` tells the owner whether
 * the connection can be reused ("ok") or must be closed (failed or abandoned mid-result).
 */
export function readRows(c: Connection, sql: string, columnTypes: string[], describe: string): RowRead {
  const core = coreOf(c);
  const rows = new RowTranscoder(columnTypes.map(kindOf), columnTypes.map(bitWidth));
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
  const q = core.query({ sql }) as unknown as QueryCommand;
  // mysql2's query command is a state machine with one state per packet kind; its row state is swapped for
  // ours on this query only (the package has no public hook for raw rows). End of rows goes back to its own.
  const ownRow = (Object.getPrototypeOf(q) as QueryCommand).row;
  const rawRow: State = function (packet, connection) {
    if (packet.isEOF()) return ownRow.call(this, packet, connection);
    if (!finished) {
      rows.push(packet.buffer, packet.offset, packet.end);
      if (rows.size >= BLOCK && !stream.push(rows.take()) && !paused) {
        paused = true;
        core.pause();
      }
    }
    return rawRow;
  };
  q.row = rawRow;
  q.on("error", (err: Error) => {
    if (finished) return;
    finished = true;
    settle("failed");
    stream.destroy(new Error(`${describe}: ${err.message}`, { cause: err }));
  });
  q.on("end", () => {
    if (finished) return;
    finished = true;
    const last = rows.take();
    if (last) stream.push(last);
    stream.push(null);
    settle("ok");
  });
  return { stream, done };
}
