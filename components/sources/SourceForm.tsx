"use client";
// Add or edit a source: fields per engine (or a pasted URL; a file for SQLite), TLS, storage, and "Test connection"
// before saving. The stored password never reaches this form: an empty password field keeps it.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { buttonClass, Card, inputClass } from "@/components/ui/primitives";
import { createSourceAction, testConnectionAction, updateSourceAction } from "@/lib/actions/sources";
import type { ConnectionFields, ConnectionView, EngineName, TlsMode } from "@/lib/sources/connection";
import { ENGINE_LABEL } from "@/lib/sources/connection";
import { formatBytes } from "@/lib/format";
import { ServerInfoPanel, type ServerInfoView } from "./ServerInfoPanel";

export interface StorageOption {
  id: string;
  name: string;
  location: string;
}

interface Props {
  storage: StorageOption[];
  edit?: { id: string; name: string; engine: EngineName; view: ConnectionView; storageTargetId: string | null };
}

const DEFAULT_PORT: Record<EngineName, number> = { POSTGRES: 5432, MYSQL: 3306, SQLITE: 0 };
const Label = ({ htmlFor, children }: { htmlFor: string; children: React.ReactNode }) => <label htmlFor={htmlFor} className="mb-1 block text-sm font-medium">{children}</label>;

export function SourceForm({ storage, edit }: Props) {
  const router = useRouter();
  const fields = edit?.view.mode === "fields" ? edit.view : null;
  const [engine, setEngine] = useState<EngineName>(edit?.engine ?? "POSTGRES");
  const [mode, setMode] = useState<"fields" | "url">("fields");
  const [tls, setTls] = useState<TlsMode>(fields?.tls ?? "disable");
  const [pending, setPending] = useState<"save" | "test" | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** Set when the host, port or user changed and the stored password may not follow them: the field asks for it. */
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [info, setInfo] = useState<ServerInfoView | null>(null);

  function connectionOf(form: FormData): ConnectionFields {
    const get = (k: string) => String(form.get(k) ?? "");
    if (engine === "SQLITE") return { mode: "file", path: get("path") };
    if (mode === "url") return { mode: "url", url: get("url") };
    return { mode: "fields", host: get("host"), port: Number(get("port")), database: get("database"), user: get("user"), password: get("password"), tls, caPath: get("caPath") };
  }

  function showError(e: { message: string; fields?: Record<string, string> }) {
    setError(e.message);
    const p = e.fields?.["connection.password"];
    if (p) {
      setPasswordError(p);
      document.getElementById(mode === "url" ? "source-url" : "source-password")?.focus();
    }
  }

  async function run(kind: "save" | "test", formEl: HTMLFormElement) {
    const form = new FormData(formEl);
    const connection = connectionOf(form);
    setPending(kind);
    setError(null);
    setPasswordError(null);
    if (kind === "test") {
      setInfo(null);
      const r = await testConnectionAction({ engine, connection, sourceId: edit?.id });
      setPending(null);
      if (r.ok) setInfo(r.data);
      else showError(r.error);
      return;
    }
    const storageTargetId = String(form.get("storageTargetId") ?? "") || null;
    const name = String(form.get("name") ?? "");
    const r = edit
      ? await updateSourceAction({ id: edit.id, name, engine, connection, storageTargetId })
      : await createSourceAction({ name, engine, connection, storageTargetId });
    if (!r.ok) {
      setPending(null);
      showError(r.error);
      return;
    }
    router.push(`/sources/${r.data.id}`);
    router.refresh();
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    void run("save", e.currentTarget);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-3xl space-y-4">
      <Card title="Source">
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <Label htmlFor="source-name">Name</Label>
            <input id="source-name" name="name" required defaultValue={edit?.name} className={inputClass} placeholder="Orders (production)" />
          </div>
          <div>
            <Label htmlFor="source-engine">Engine</Label>
            <select id="source-engine" value={engine} disabled={Boolean(edit)} onChange={(e) => setEngine(e.target.value as EngineName)} className={inputClass} aria-describedby={edit ? "engine-hint" : undefined}>
              {(Object.keys(ENGINE_LABEL) as EngineName[]).map((e) => <option key={e} value={e}>{ENGINE_LABEL[e]}</option>)}
            </select>
            {edit ? <p id="engine-hint" className="mt-1 text-xs text-slate-500">The engine of a registered source cannot change.</p> : null}
          </div>
        </div>
      </Card>

      <Card title="Connection">
        {engine === "SQLITE" ? (
          <div>
            <Label htmlFor="source-path">Database file</Label>
            <input id="source-path" name="path" required defaultValue={edit?.view.mode === "file" ? edit.view.path : ""} className={`${inputClass} font-mono`} placeholder="/var/lib/app/app.db" aria-describedby="path-hint" />
            <p id="path-hint" className="mt-1 text-xs text-slate-500">The absolute path as the workers see it. They need read access to the file (and write access to its directory to restore in place).</p>
          </div>
        ) : (
          <div className="space-y-4">
            <fieldset className="flex gap-4 text-sm">
              <legend className="sr-only">How to enter the connection</legend>
              <label className="flex items-center gap-1.5"><input type="radio" name="connMode" checked={mode === "fields"} onChange={() => setMode("fields")} /> Host, port and user</label>
              <label className="flex items-center gap-1.5"><input type="radio" name="connMode" checked={mode === "url"} onChange={() => setMode("url")} /> Paste a URL</label>
            </fieldset>
            {mode === "url" ? (
              <div>
                <Label htmlFor="source-url">Connection URL</Label>
                <input id="source-url" name="url" type="password" autoComplete="off" required className={`${inputClass} font-mono`} placeholder={engine === "POSTGRES" ? "postgres://backup:secret@db.example:5432/shop?sslmode=verify-full" : "mysql://backup:secret@db.example:3306/shop?ssl-mode=REQUIRED"} aria-describedby="url-hint" />
                <p id="url-hint" className="mt-1 text-xs text-slate-500">Hidden as you type because it holds the password. {edit ? "A URL without a password keeps the stored one while host, port and user stay the same." : ""}</p>
              </div>
            ) : (
              <div className="grid gap-4 sm:grid-cols-6">
                <div className="sm:col-span-4">
                  <Label htmlFor="source-host">Host</Label>
                  <input id="source-host" name="host" required defaultValue={fields?.host ?? ""} className={inputClass} placeholder="db.example.internal" autoComplete="off" />
                </div>
                <div className="sm:col-span-2">
                  <Label htmlFor="source-port">Port</Label>
                  <input id="source-port" name="port" type="number" min={1} max={65535} required defaultValue={fields?.port ?? DEFAULT_PORT[engine]} key={engine} className={inputClass} />
                </div>
                <div className="sm:col-span-2">
                  <Label htmlFor="source-database">Database</Label>
                  <input id="source-database" name="database" required defaultValue={fields?.database ?? ""} className={inputClass} autoComplete="off" />
                </div>
                <div className="sm:col-span-2">
                  <Label htmlFor="source-user">User</Label>
                  <input id="source-user" name="user" required defaultValue={fields?.user ?? ""} className={inputClass} autoComplete="off" />
                </div>
                <div className="sm:col-span-2">
                  <Label htmlFor="source-password">Password</Label>
                  <input id="source-password" name="password" type="password" autoComplete="new-password" className={inputClass} placeholder={edit && fields?.hasPassword ? "•••••• (stored)" : ""} aria-describedby="password-hint" aria-invalid={passwordError ? true : undefined} />
                  <p id="password-hint" className={`mt-1 text-xs ${passwordError ? "text-rose-700 dark:text-rose-300" : "text-slate-500"}`}>
                    {passwordError ?? (edit ? (fields?.hasPassword ? "Leave empty to keep the stored password (while host, port and user stay the same)." : "No password is stored.") : "Stored encrypted; never shown again.")}
                  </p>
                </div>
                <div className="sm:col-span-3">
                  <Label htmlFor="source-tls">TLS</Label>
                  <select id="source-tls" value={tls} onChange={(e) => setTls(e.target.value as TlsMode)} className={inputClass}>
                    <option value="disable">Off (plain connection)</option>
                    <option value="require">Require (encrypted, certificate not checked)</option>
                    <option value="verify-full">Verify full (encrypted, certificate and host name checked)</option>
                  </select>
                </div>
                {tls === "verify-full" ? (
                  <div className="sm:col-span-3">
                    <Label htmlFor="source-ca">CA certificate file (optional)</Label>
                    <input id="source-ca" name="caPath" defaultValue={fields?.caPath ?? ""} className={`${inputClass} font-mono`} placeholder="/etc/ssl/certs/db-ca.pem" aria-describedby="ca-hint" />
                    <p id="ca-hint" className="mt-1 text-xs text-slate-500">A PEM file on every worker machine; empty uses the system&apos;s trusted CAs.</p>
                  </div>
                ) : null}
              </div>
            )}
          </div>
        )}
        <div className="mt-4 flex flex-wrap items-center gap-3">
          <button type="button" className={buttonClass.secondary} disabled={pending !== null} onClick={(e) => void run("test", e.currentTarget.form!)}>
            {pending === "test" ? "Connecting…" : "Test connection"}
          </button>
          <span className="text-xs text-slate-500">Connects from the web server with these settings; nothing is saved.</span>
        </div>
        {info ? <ServerInfoPanel info={info} formatSize={formatBytes} /> : null}
      </Card>

      <Card title="Where its backups go">
        <Label htmlFor="source-storage">Storage target</Label>
        <select id="source-storage" name="storageTargetId" defaultValue={edit?.storageTargetId ?? storage[0]?.id ?? ""} className={inputClass} aria-describedby="storage-hint">
          <option value="">None yet (backups cannot run)</option>
          {storage.map((s) => <option key={s.id} value={s.id}>{s.name} — {s.location}</option>)}
        </select>
        <p id="storage-hint" className="mt-1 text-xs text-slate-500">
          {storage.length ? "Changing it later leaves existing backups where they are." : "No storage target yet: an admin adds one on the Storage page."}
        </p>
      </Card>

      {error ? <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800 dark:bg-rose-950 dark:text-rose-200">{error}</p> : null}
      <div className="flex gap-2">
        <button type="submit" className={buttonClass.primary} disabled={pending !== null}>{pending === "save" ? "Saving…" : edit ? "Save changes" : "Add source"}</button>
        <button type="button" className={buttonClass.secondary} onClick={() => router.back()}>Cancel</button>
      </div>
    </form>
  );
}
