// Encoding of one `data/ab/<id>` object: header, then AES-256-GCM over a zstd frame (optionally a delta against base chunks).
import { compress, decompress, open, seal, type AesKey } from "./crypto";
import { UnsupportedFormatError } from "./errors";

export const CHUNK_FORMAT = 1;
export const KIND_PLAIN = 0;
/** zstd frame of a row delta (row-delta.ts) against the concatenated plaintext of the base chunks. */
export const KIND_DELTA = 1;
/** A delta chain never grows past this: restore cost stays bounded and a full backup resets it. */
export const MAX_DELTA_DEPTH = 4;

export interface ChunkHeader {
  kind: number;
  /** 0 for a plain chunk; 1 + the deepest base for a delta. */
  depth: number;
  bases: string[];
  /** Header length in bytes; the sealed box follows. */
  length: number;
}

export function chunkKey(id: string): string {
  return `data/${id.slice(0, 2)}/${id}`;
}

export function encodeHeader(kind: number, depth: number, bases: string[]): Buffer {
  const header = Buffer.alloc(4 + 32 * bases.length);
  header[0] = CHUNK_FORMAT;
  header[1] = kind;
  header[2] = depth;
  header[3] = bases.length;
  bases.forEach((b, i) => header.write(b, 4 + 32 * i, "hex"));
  return header;
}

/** Returns null when the bytes cannot be a chunk header (truncated or garbage): the caller reports corruption. */
export function parseHeader(obj: Buffer): ChunkHeader | null {
  if (obj.length < 4) return null;
  if (obj[0] !== CHUNK_FORMAT) {
    // Version bytes above ours are a newer format; anything else is damage.
    if (obj[0] > CHUNK_FORMAT && obj[0] < 16) throw new UnsupportedFormatError(obj[0], CHUNK_FORMAT, "chunk");
    return null;
  }
  const count = obj[3];
  const length = 4 + 32 * count;
  if (obj.length < length || (obj[1] !== KIND_PLAIN && obj[1] !== KIND_DELTA)) return null;
  const bases: string[] = [];
  for (let i = 0; i < count; i++) bases.push(obj.toString("hex", 4 + 32 * i, 36 + 32 * i));
  return { kind: obj[1], depth: obj[2], bases, length };
}

function aad(header: Buffer, id: string): Buffer {
  // Binding the id stops a valid chunk from being swapped in under another chunk's name.
  return Buffer.concat([header, Buffer.from(id, "hex")]);
}

/** `payload` is the plaintext, or for a delta the row-delta bytes. */
export async function sealChunk(
  key: AesKey,
  id: string,
  payload: Buffer,
  delta?: { bases: string[]; depth: number },
): Promise<Buffer> {
  const frame = await compress(payload);
  const header = delta ? encodeHeader(KIND_DELTA, delta.depth, delta.bases) : encodeHeader(KIND_PLAIN, 0, []);
  return seal(key, frame, aad(header, id), header);
}

/** The zstd frame, or null on authentication failure. */
export async function openChunk(key: AesKey, id: string, obj: Buffer, header: ChunkHeader): Promise<Buffer | null> {
  return open(key, obj.subarray(header.length), aad(obj.subarray(0, header.length), id));
}

export { decompress };
