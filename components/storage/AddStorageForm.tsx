"use client";
// Add a local directory or an S3-compatible bucket. The passphrase (generated unless typed) is shown once, after
// creation, with what losing it means; Tidemark never shows it again.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { buttonClass, inputClass } from "@/components/ui/primitives";
import { createStorageAction, testStorageAction } from "@/lib/actions/storage";
import type { StorageFields } from "@/lib/actions/storage.schema";

interface Created {
  name: string;
  location: string;
  passphrase: string;
  generated: boolean;
  /** Set when the location already held a repository: how many snapshots, and how to list them. */
  adopted: string | null;
}

const field = (id: string, label: string, input: React.ReactNode, hint?: string) => (
  <div>
    <label htmlFor={id} className="mb-1 block text-sm font-medium">{label}</label>
    {input}
    {hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
  </div>
);

export function PassphraseOnce({ created, onDone }: { created: Created; onDone: () => void }) {
  const [saved, setSaved] = useState(false);
  const [copied, setCopied] = useState(false);
  return (
    <div role="alertdialog" aria-labelledby="passphrase-title" aria-describedby="passphrase-warning" data-testid="passphrase-once" className="space-y-3 rounded-md border-2 border-amber-400 bg-amber-50 p-4 dark:bg-amber-950">
      <h3 id="passphrase-title" className="font-semibold">{created.name} is ready — save its passphrase now</h3>
      <p id="passphrase-warning" className="text-sm">
        <strong>This is the only time Tidemark shows it.</strong> Every backup in <span className="font-mono">{created.location}</span> is encrypted with it.
        If the dashboard&apos;s database or <code>TIDEMARK_SECRET</code> is lost, this passphrase is the only way to restore with the <code>tidemark</code> CLI.
        <strong> Losing it loses the backups.</strong> Keep it in your password manager or vault.
      </p>
      {created.adopted ? <p role="status" data-testid="storage-adopted" className="rounded bg-white px-3 py-2 text-sm dark:bg-slate-900">{created.adopted}</p> : null}
      <div className="flex flex-wrap items-center gap-2">
        <code className="select-all rounded bg-white px-3 py-2 font-mono text-base dark:bg-slate-900" data-testid="passphrase">{created.passphrase}</code>
        <button type="button" className={buttonClass.secondary} onClick={async () => {
          await navigator.clipboard?.writeText(created.passphrase).then(() => setCopied(true), () => setCopied(false));
        }}>{copied ? "Copied" : "Copy"}</button>
      </div>
      <label className="flex items-center gap-2 text-sm"><input type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} /> I have stored the passphrase somewhere safe</label>
      <button type="button" className={buttonClass.primary} disabled={!saved} onClick={onDone}>Done</button>
    </div>
  );
}

export function AddStorageForm() {
  const router = useRouter();
  const [kind, setKind] = useState<"LOCAL" | "S3">("LOCAL");
  const [pending, setPending] = useState<"save" | "test" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tested, setTested] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);

  function targetOf(f: FormData): StorageFields {
    const get = (k: string) => String(f.get(k) ?? "");
    if (kind === "LOCAL") return { kind, path: get("path") };
    return { kind, endpoint: get("endpoint"), region: get("region"), bucket: get("bucket"), prefix: get("prefix"), accessKeyId: get("accessKeyId"), secretAccessKey: get("secretAccessKey"), forcePathStyle: f.get("forcePathStyle") === "on" };
  }

  async function test(formEl: HTMLFormElement) {
    setPending("test");
    setError(null);
    setTested(null);
    const r = await testStorageAction({ target: targetOf(new FormData(formEl)) });
    setPending(null);
    if (r.ok) setTested(`✓ Tidemark can write, list, read and delete in ${r.data.location}`);
    else setError(r.error.message);
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const f = new FormData(formEl);
    setPending("save");
    setError(null);
    const r = await createStorageAction({ name: String(f.get("name") ?? ""), passphrase: String(f.get("passphrase") ?? ""), target: targetOf(f) });
    setPending(null);
    if (!r.ok) return setError(r.error.message);
    formEl.reset();
    setTested(null);
    setCreated(r.data);
  }

  if (created) return <PassphraseOnce created={created} onDone={() => { setCreated(null); router.refresh(); }} />;

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-3xl space-y-4">
      <fieldset className="flex gap-4 text-sm">
        <legend className="mb-1 text-sm font-medium">Kind</legend>
        <label className="flex items-center gap-1.5"><input type="radio" name="kind" checked={kind === "LOCAL"} onChange={() => setKind("LOCAL")} /> Local directory</label>
        <label className="flex items-center gap-1.5"><input type="radio" name="kind" checked={kind === "S3"} onChange={() => setKind("S3")} /> S3-compatible bucket</label>
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-2">
        {field("storage-name", "Name", <input id="storage-name" name="name" required className={inputClass} placeholder="Backups on the NAS" />)}
        {kind === "LOCAL"
          ? field("storage-path", "Directory", <input id="storage-path" name="path" required className={`${inputClass} font-mono`} placeholder="/srv/tidemark/repo" />, "An absolute path every worker can write (a shared mount for several machines). Created if missing.")
          : field("storage-bucket", "Bucket", <input id="storage-bucket" name="bucket" required className={`${inputClass} font-mono`} placeholder="db-backups" />)}
      </div>
      {kind === "S3" ? (
        <div className="grid gap-3 sm:grid-cols-2">
          {field("storage-endpoint", "Endpoint (empty for AWS)", <input id="storage-endpoint" name="endpoint" className={`${inputClass} font-mono`} placeholder="https://minio.example:9000" />)}
          {field("storage-region", "Region", <input id="storage-region" name="region" defaultValue="us-east-1" className={inputClass} />)}
          {field("storage-prefix", "Prefix (optional)", <input id="storage-prefix" name="prefix" className={`${inputClass} font-mono`} placeholder="tidemark/prod" />)}
          <label className="flex items-center gap-2 self-end pb-2 text-sm"><input type="checkbox" name="forcePathStyle" /> Path-style URLs (MinIO and most self-hosted servers)</label>
          {field("storage-key", "Access key id", <input id="storage-key" name="accessKeyId" className={inputClass} autoComplete="off" />)}
          {field("storage-secret", "Secret access key", <input id="storage-secret" name="secretAccessKey" type="password" className={inputClass} autoComplete="new-password" />, "Stored encrypted; never shown again.")}
        </div>
      ) : null}
      {field("storage-passphrase", "Repository passphrase (optional)", <input id="storage-passphrase" name="passphrase" type="password" autoComplete="new-password" className={`${inputClass} max-w-md`} />, "Leave empty and Tidemark generates a strong one. Either way you see it once, after saving. An existing repository at this location needs its own passphrase.")}
      {tested ? <p role="status" className="text-sm text-emerald-700 dark:text-emerald-300">{tested}</p> : null}
      {error ? <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800 dark:bg-rose-950 dark:text-rose-200">{error}</p> : null}
      <div className="flex gap-2">
        <button type="button" className={buttonClass.secondary} disabled={pending !== null} onClick={(e) => void test(e.currentTarget.form!)}>{pending === "test" ? "Testing…" : "Test storage"}</button>
        <button type="submit" className={buttonClass.primary} disabled={pending !== null}>{pending === "save" ? "Adding…" : "Add storage target"}</button>
      </div>
    </form>
  );
}
