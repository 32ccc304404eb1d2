// COPY … TO STDOUT as a Readable of plain row bytes, for pg's Client.query(). Same protocol hand-over as
// pg-copy-streams' `to` (take the socket from pg while copying, give it back with the unread bytes), but
// PostgreSQL sends one CopyData message per row: instead of a slice object per row (1.7 M of them for the
// bench's shop data, most of the reader's CPU and GC), each socket read is compacted in place by moving
// the row payloads over the 5-byte message headers, and pushed as one Buffer.
import { Readable } from "node:stream";
import type { Socket } from "node:net";

const COPY_DATA = 0x64; // d
const COPY_DONE = 0x63; // c
const ERROR_RESPONSE = 0x45; // E
/** Messages PostgreSQL may send in the middle of copy-out; any other one ends it (protocol-flow docs, 53.2.6). */
const INTERSPERSED = new Set([0x48 /* CopyOutResponse */, COPY_DATA, 0x53 /* ParameterStatus */, 0x4e /* Notice */, 0x41 /* Notification */]);

interface PgConnection {
  stream: Socket;
  query(text: string): void;
}

export class CopyOut extends Readable {
  rowCount = 0;
  private connection: PgConnection | null = null;
  private pgDataHandler: ((data: Buffer) => void) | null = null;
  private readonly onReadable = () => this.forward();
  /** A message header split across socket reads (< 5 bytes). */
  private partialHeader: Buffer | null = null;
  /** Bytes of the current message still to come: row bytes when `inData`, otherwise skipped. */
  private remaining = 0;
  private inData = false;
  private wanted = false;
  private forwarding = false;
  private detached = false;

  constructor(
    private readonly text: string,
    highWaterMark: number,
  ) {
    super({ highWaterMark });
  }

  /** Called by pg when the query's turn comes. */
  submit(pgConnection: unknown): void {
    const connection = pgConnection as PgConnection;
    this.connection = connection;
    const socket = connection.stream;
    const listeners = socket.listeners("data") as ((data: Buffer) => void)[];
    if (listeners.length !== 1) throw new Error("Unexpected pg connection state for COPY TO");
    this.pgDataHandler = listeners[0];
    socket.removeListener("data", this.pgDataHandler);
    socket.pause();
    socket.on("readable", this.onReadable);
    connection.query(this.text);
    this.forward();
  }

  override _read(): void {
    this.wanted = true;
    this.forward();
  }

  private forward(): void {
    if (this.forwarding || !this.wanted || !this.connection || this.detached) return;
    this.forwarding = true;
    let chunk: Buffer | null;
    while (this.wanted && !this.detached && (chunk = this.connection.stream.read() as Buffer | null) !== null) {
      this.wanted = this.parse(chunk);
    }
    this.forwarding = false;
  }

  /** Strips message framing from one socket read; returns whether the consumer wants more. */
  private parse(chunk: Buffer): boolean {
    const data = this.partialHeader ? Buffer.concat([this.partialHeader, chunk]) : chunk;
    this.partialHeader = null;
    let read = 0;
    let write = 0; // row bytes are moved down to [0, write) of `data`, which this stream owns
    let done = false;
    while (read < data.length) {
      if (this.remaining > 0) {
        const n = Math.min(this.remaining, data.length - read);
        if (this.inData) {
          if (write !== read) data.copyWithin(write, read, read + n);
          write += n;
        }
        read += n;
        this.remaining -= n;
        continue;
      }
      if (data.length - read < 5) {
        this.partialHeader = Buffer.from(data.subarray(read));
        read = data.length;
        break;
      }
      const code = data[read];
      if (code === ERROR_RESPONSE) {
        // pg parses the error (and what follows) and reports it through handleError().
        if (write > 0) this.push(data.subarray(0, write));
        this.detach(data.subarray(read));
        return false;
      }
      if (!INTERSPERSED.has(code)) {
        // CopyDone (no body) ends copy-out; so does anything unexpected, which pg then parses itself.
        if (code === COPY_DONE) read += 5;
        done = true;
        break;
      }
      this.remaining = data.readUInt32BE(read + 1) - 4;
      this.inData = code === COPY_DATA;
      read += 5;
    }
    const more = write > 0 ? this.push(data.subarray(0, write)) : true;
    if (done) {
      this.detach(data.subarray(read));
      this.push(null);
      return false;
    }
    return more;
  }

  private detach(unread: Buffer): void {
    this.detached = true;
    const socket = this.connection!.stream;
    socket.removeListener("readable", this.onReadable);
    socket.on("data", this.pgDataHandler!);
    if (unread.length) this.pgDataHandler!(Buffer.from(unread));
    // As pg-copy-streams does: pg's data handler may pause the socket; resume once it has returned.
    process.nextTick(() => socket.resume());
  }

  handleError(err: Error): void {
    this.destroy(err);
  }

  handleCommandComplete(msg: { text?: string }): void {
    const m = /COPY (\d+)/.exec(msg?.text ?? "");
    if (m) this.rowCount = Number(m[1]);
  }

  handleReadyForQuery(): void {}
}
