// Maps a --repo location to a storage backend: a local directory, or s3://bucket/prefix with settings in the query.
import { LocalStorage } from "./storage/local";
import { S3Storage } from "./storage/s3";
import type { Storage } from "./storage/types";
import { RepositoryError } from "./errors";

export { checkStorage, storageFromConfig, type StorageConfig, type StorageKind } from "./storage/index";

/**
 * `s3://bucket/prefix?endpoint=http://minio:9000&region=eu-west-1&path-style=1` for the CLI; the keys come from
 * `credentials` or, when absent, from the AWS SDK's usual chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, profiles…).
 */
export function storageFor(location: string, credentials?: { accessKeyId: string; secretAccessKey: string }): Storage {
  if (/^s3:\/\//i.test(location)) return s3StorageFor(location, credentials);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) throw new RepositoryError(`Unsupported repository location ${location}: use a directory or s3://bucket/prefix`);
  return new LocalStorage(location);
}

function s3StorageFor(location: string, credentials?: { accessKeyId: string; secretAccessKey: string }): S3Storage {
  const u = new URL(location);
  if (!u.hostname) throw new RepositoryError(`${location} names no bucket: use s3://bucket/prefix`);
  const q = u.searchParams;
  const endpoint = q.get("endpoint") ?? undefined;
  return new S3Storage({
    bucket: u.hostname,
    prefix: decodeURIComponent(u.pathname).replace(/^\/+|\/+$/g, ""),
    region: q.get("region") ?? "us-east-1",
    endpoint,
    forcePathStyle: q.has("path-style") ? q.get("path-style") !== "0" : Boolean(endpoint),
    // Empty keys let the SDK's default provider chain find them (environment, profile, instance role).
    accessKeyId: credentials?.accessKeyId ?? "",
    secretAccessKey: credentials?.secretAccessKey ?? "",
  });
}
