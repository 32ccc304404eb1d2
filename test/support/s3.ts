// A real S3-protocol server (s3rver, files under a temp directory) on 127.0.0.1 for tests, with helpers for configs.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import S3rver from "s3rver";
import type { S3Config } from "../../lib/repository/storage/s3";

/** s3rver's built-in account: the only key pair it accepts. */
export const S3RVER_KEY = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } as const;

export interface TestS3 {
  endpoint: string;
  port: number;
  directory: string;
  /** A path-style config for `bucket` (created at start when listed in `buckets`). */
  config: (bucket: string, prefix?: string) => S3Config;
  stop: () => Promise<void>;
}

export async function startS3(opts: { buckets?: string[]; port?: number } = {}): Promise<TestS3> {
  const directory = await mkdtemp(path.join(tmpdir(), "tm-s3rver-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: opts.port ?? 0,
    silent: true,
    directory,
    // Path-style only: bucket names are never taken from the Host header.
    vhostBuckets: false,
    configureBuckets: (opts.buckets ?? []).map((name) => ({ name })),
  });
  const address = (await server.run()) as AddressInfo;
  const endpoint = `http://127.0.0.1:${address.port}`;
  return {
    endpoint,
    port: address.port,
    directory,
    config: (bucket, prefix) => ({ endpoint, region: "us-east-1", bucket, prefix, forcePathStyle: true, ...S3RVER_KEY }),
    async stop() {
      await server.close().catch(() => undefined);
      await rm(directory, { recursive: true, force: true });
    },
  };
}
