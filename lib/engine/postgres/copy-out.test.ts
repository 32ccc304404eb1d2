// CopyOut's framing: row bytes come out intact however the socket splits messages, and pg gets back the rest.
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { CopyOut } from "./copy-out";

const msg = (code: string, body: Buffer = Buffer.alloc(0)) => {
  const head = Buffer.alloc(5);
  head[0] = code.charCodeAt(0);
  head.writeUInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
};

/** A fake pg connection: the socket is a PassThrough whose one "data" listener stands in for pg's parser. */
function run(wire: Buffer, cut: number[]) {
  const socket = new PassThrough();
  const handedBack: Buffer[] = [];
  socket.on("data", (d: Buffer) => handedBack.push(d));
  socket.pause();
  const copy = new CopyOut("COPY t TO STDOUT", 1 << 16);
  copy.submit({ stream: socket, query: () => {} });
  let at = 0;
  for (const c of [...cut, wire.length]) {
    socket.write(Buffer.from(wire.subarray(at, c)));
    at = c;
  }
  socket.end();
  return { copy, handedBack };
}

async function collect(copy: CopyOut) {
  const parts: Buffer[] = [];
  for await (const p of copy) parts.push(p as Buffer);
  return Buffer.concat(parts);
}

describe("CopyOut", () => {
  const rows = ["1\ta\n", "2\t" + "x".repeat(70_000) + "\n", "3\t\\N\n"].map((r) => Buffer.from(r));
  const tail = Buffer.concat([msg("C", Buffer.from("COPY 3\0")), msg("Z", Buffer.from("I"))]);
  const wire = Buffer.concat([msg("H", Buffer.from([0, 0, 2, 0, 0, 0, 0])), ...rows.map((r) => msg("d", r)), msg("N", Buffer.from("notice\0")), msg("c"), tail]);

  it("yields exactly the row bytes at every split point and hands the rest of the response back", async () => {
    for (const at of [1, 3, 5, 9, 12, 13, 20, 500, 70_010, wire.length - tail.length - 2, wire.length - 1]) {
      const { copy, handedBack } = run(wire, [at, Math.min(at + 7, wire.length)]);
      expect((await collect(copy)).equals(Buffer.concat(rows))).toBe(true);
      await new Promise((r) => setTimeout(r, 5));
      expect(Buffer.concat(handedBack).equals(tail)).toBe(true);
    }
  });

  it("stops at an ErrorResponse and hands it to pg", async () => {
    const err = msg("E", Buffer.from("SERROR\0"));
    const { copy, handedBack } = run(Buffer.concat([msg("H"), msg("d", rows[0]), err]), [3]);
    copy.on("data", () => {});
    await new Promise((r) => setTimeout(r, 5));
    expect(Buffer.concat(handedBack).equals(err)).toBe(true);
  });
});
