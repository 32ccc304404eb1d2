// S3-compatible storage backend (AWS, MinIO, Ceph RGW, Alibaba OSS…): custom endpoint, path-style, multipart above a
// threshold, and retries with backoff for transient failures only. Each PUT is atomic on S3, so no temp objects.
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { createHash } from "node:crypto";
import { PassThrough, Readable } from "node:stream";
import { codeOf, DEFAULT_RETRY, describeS3Error, statusOf, withRetry, type RetryOptions } from "./s3-errors";
import { StorageExistsError, StorageNotFoundError, type Storage } from "./types";

export interface S3Config {
  /** e.g. "http://minio.internal:9000"; unset for AWS. */
  endpoint?: string;
  region: string;
  bucket: string;
  /** Key prefix inside the bucket ("tidemark/prod"); the repository lives under it. */
  prefix?: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** bucket in the path (MinIO, Ceph and most self-hosted servers) rather than in the host name. */
  forcePathStyle?: boolean;
}

export interface S3Tuning {
  /** Objects larger than this go up in parts of `partSize` bytes (S3 allows ≥ 5 MiB parts, 10 000 of them). */
  multipartThreshold?: number;
  partSize?: number;
  retry?: RetryOptions;
}

const MiB = 1 << 20;

function isNotFound(err: unknown): boolean {
  const code = codeOf(err);
  return code === "NoSuchKey" || code === "NotFound" || (statusOf(err) === 404 && code !== "NoSuchBucket");
}

export function s3Location(config: Pick<S3Config, "bucket" | "prefix">): string {
  const prefix = (config.prefix ?? "").replace(/^\/+|\/+$/g, "");
  return `s3://${config.bucket}${prefix ? `/${prefix}` : ""}`;
}

export class S3Storage implements Storage {
  readonly location: string;
  private readonly client: S3Client;
  private readonly root: string;
  private readonly where: string;
  private readonly threshold: number;
  private readonly partSize: number;
  private readonly retry: RetryOptions;

  constructor(
    readonly config: S3Config,
    tuning: S3Tuning = {},
  ) {
    this.location = s3Location(config);
    const prefix = (config.prefix ?? "").replace(/^\/+|\/+$/g, "");
    this.root = prefix ? `${prefix}/` : "";
    this.where = config.endpoint ? `${this.location} at ${config.endpoint}` : this.location;
    this.partSize = Math.max(tuning.partSize ?? 16 * MiB, 5 * MiB);
    this.threshold = tuning.multipartThreshold ?? this.partSize;
    this.retry = tuning.retry ?? DEFAULT_RETRY;
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint || undefined,
      forcePathStyle: config.forcePathStyle ?? Boolean(config.endpoint),
      // No keys (CLI without them): the SDK's default chain — environment, shared profile, instance role.
      credentials: config.accessKeyId ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } : undefined,
      // Retries are ours (withRetry): one policy, and never for 4xx.
      maxAttempts: 1,
      // Default CRC checksums on every PUT are refused by several S3-compatible servers (OSS, older MinIO/Ceph).
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      requestHandler: { connectionTimeout: 10_000, requestTimeout: 120_000 },
    });
  }

  private key(key: string): string {
    if (key.includes("..") || key.startsWith("/")) throw new Error(`Invalid storage key ${key}`);
    return this.root + key;
  }

  private async send<T>(action: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await withRetry(fn, this.retry);
    } catch (err) {
      throw describeS3Error(err, this.where, action);
    }
  }

  async put(key: string, body: Buffer | Readable, options?: { ifAbsent?: boolean }): Promise<void> {
    const Key = this.key(key);
    if (options?.ifAbsent && (await this.exists(key))) throw new StorageExistsError(key);
    // If-None-Match makes the create exclusive where the server supports it (AWS, MinIO); the HEAD above covers
    // servers that ignore it, and the lock protocol re-checks after writing either way.
    const condition = options?.ifAbsent ? { IfNoneMatch: "*" } : {};
    const first = Buffer.isBuffer(body) ? body : await readUpTo(body, this.threshold + 1);
    if (first.length <= this.threshold) {
      const sent = sha256(first);
      await this.sendPut(key, () => this.client.send(new PutObjectCommand({ Bucket: this.config.bucket, Key, Body: first, ContentLength: first.length, ...condition })), sent);
      return;
    }
    await this.multipart(key, Key, first, Buffer.isBuffer(body) ? null : body, condition);
  }

  /**
   * Sends a (possibly conditional) write with retries. When an attempt committed but its response was lost, the retry
   * finds the object there (412, or NoSuchUpload for a completed multipart upload): that is our own write, not a
   * conflict, when the stored object hashes to what we sent (`sent`: SHA-256, hex).
   */
  private async sendPut(key: string, fn: () => Promise<unknown>, sent: string): Promise<void> {
    let attempts = 0;
    try {
      await withRetry(() => {
        attempts++;
        return fn();
      }, this.retry);
    } catch (err) {
      const exists = statusOf(err) === 412 || codeOf(err) === "PreconditionFailed";
      if (attempts > 1 && (exists || codeOf(err) === "NoSuchUpload") && (await this.storedDigest(key)) === sent) return;
      if (exists) throw new StorageExistsError(key);
      throw describeS3Error(err, this.where, `write ${key}`);
    }
  }

  /** SHA-256 (hex) of the stored object, streamed; null when there is none. */
  private async storedDigest(key: string): Promise<string | null> {
    const hash = createHash("sha256");
    try {
      for await (const chunk of this.getStream(key)) hash.update(chunk as Buffer);
    } catch (err) {
      if (err instanceof StorageNotFoundError) return null;
      throw err;
    }
    return hash.digest("hex");
  }

  /** Parts are buffered one at a time, so each can be retried on its own and memory stays at one part. */
  private async multipart(key: string, Key: string, first: Buffer, rest: Readable | null, condition: object): Promise<void> {
    const Bucket = this.config.bucket;
    const { UploadId } = await this.send(`start a multipart upload of ${key}`, () => this.client.send(new CreateMultipartUploadCommand({ Bucket, Key })));
    const parts: { ETag: string; PartNumber: number }[] = [];
    // What the object will hold, for telling our own completed upload from another writer's after a lost response.
    const sent = createHash("sha256");
    try {
      let pending = first;
      const upload = async (part: Buffer) => {
        const PartNumber = parts.length + 1;
        const out = await this.send(`upload part ${PartNumber} of ${key}`, () =>
          this.client.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber, Body: part, ContentLength: part.length })),
        );
        parts.push({ ETag: out.ETag!, PartNumber });
        sent.update(part);
      };
      for (;;) {
        while (pending.length >= this.partSize + (rest ? 0 : 1)) {
          // Keep at least one byte for the last part when the stream is done: every part but the last must be full.
          await upload(pending.subarray(0, this.partSize));
          pending = pending.subarray(this.partSize);
        }
        if (!rest) break;
        const more = await readUpTo(rest, this.partSize);
        if (!more.length) rest = null;
        pending = pending.length ? Buffer.concat([pending, more]) : more;
      }
      if (pending.length || !parts.length) await upload(pending);
      await this.sendPut(key, () =>
        this.client.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: parts }, ...condition })),
        sent.digest("hex"),
      );
    } catch (err) {
      // An abandoned upload keeps its parts (and their cost) until aborted.
      await this.client.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId })).catch(() => undefined);
      throw err;
    }
  }

  async get(key: string): Promise<Buffer> {
    const Key = this.key(key);
    try {
      return await withRetry(async () => {
        const out = await this.client.send(new GetObjectCommand({ Bucket: this.config.bucket, Key }));
        return Buffer.from(await out.Body!.transformToByteArray());
      }, this.retry);
    } catch (err) {
      if (isNotFound(err)) throw new StorageNotFoundError(key);
      throw describeS3Error(err, this.where, `read ${key}`);
    }
  }

  getStream(key: string): Readable {
    const Key = this.key(key);
    const out = new PassThrough({ highWaterMark: MiB });
    withRetry(() => this.client.send(new GetObjectCommand({ Bucket: this.config.bucket, Key })), this.retry)
      .then((res) => {
        const body = res.Body as Readable;
        body.on("error", (err) => out.destroy(describeS3Error(err, this.where, `read ${key}`)));
        body.pipe(out);
      })
      .catch((err) => out.destroy(isNotFound(err) ? new StorageNotFoundError(key) : describeS3Error(err, this.where, `read ${key}`)));
    return out;
  }

  async exists(key: string): Promise<boolean> {
    const Key = this.key(key);
    try {
      await withRetry(() => this.client.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key })), this.retry);
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw describeS3Error(err, this.where, `check ${key}`);
    }
  }

  async *list(prefix: string): AsyncIterable<string> {
    const Prefix = prefix ? this.key(prefix.replace(/\/*$/, "/")) : this.root;
    // ListObjects (v1) with the last key as the marker: every S3-compatible server pages it the same way, while
    // v2 continuation tokens are opaque server state some implementations get wrong.
    let Marker: string | undefined;
    for (;;) {
      const page = await this.send(`list ${prefix || "the repository"}`, () =>
        this.client.send(new ListObjectsCommand({ Bucket: this.config.bucket, Prefix, Marker, MaxKeys: 1000 })),
      );
      const keys = (page.Contents ?? []).map((o) => o.Key).filter((k): k is string => Boolean(k));
      for (const k of keys) yield k.slice(this.root.length);
      if (!page.IsTruncated || !keys.length) return;
      Marker = page.NextMarker ?? keys[keys.length - 1];
    }
  }

  async delete(key: string): Promise<void> {
    const Key = this.key(key);
    try {
      await withRetry(() => this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key })), this.retry);
    } catch (err) {
      if (!isNotFound(err)) throw describeS3Error(err, this.where, `delete ${key}`);
    }
  }

  /** Closes the client's sockets (tests and short-lived CLI runs). */
  destroy(): void {
    this.client.destroy();
  }
}

function sha256(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Reads from a stream until `limit` bytes or its end; returns fewer only at the end. */
async function readUpTo(stream: Readable, limit: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  while (size < limit) {
    const chunk = stream.read(Math.min(limit - size, stream.readableLength || limit - size)) as Buffer | null;
    if (chunk) {
      parts.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      size += chunk.length;
      continue;
    }
    if (stream.readableEnded || stream.destroyed) break;
    const ended = await new Promise<boolean>((resolve, reject) => {
      const done = () => {
        cleanup();
        resolve(true);
      };
      const ready = () => {
        cleanup();
        resolve(false);
      };
      const fail = (err: Error) => {
        cleanup();
        reject(err);
      };
      const cleanup = () => {
        stream.off("readable", ready);
        stream.off("end", done);
        stream.off("error", fail);
      };
      stream.once("readable", ready);
      stream.once("end", done);
      stream.once("error", fail);
    });
    if (ended) break;
  }
  return parts.length === 1 ? parts[0] : Buffer.concat(parts);
}
