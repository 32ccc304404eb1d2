// What "Test connection" found: server version, database size, privileges a backup needs but lacks, warnings.
export interface ServerInfoView {
  version: string;
  database: string;
  sizeBytes: number;
  missingPrivileges: string[];
  warnings: string[];
}

export function ServerInfoPanel({ info, formatSize }: { info: ServerInfoView; formatSize: (n: number) => string }) {
  const ok = info.missingPrivileges.length === 0;
  return (
    <div role="status" data-testid="connection-result" className={`mt-3 rounded-md border px-3 py-2 text-sm ${ok ? "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100" : "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"}`}>
      <p className="font-medium">{ok ? "✓ Connected — ready to back up" : "Connected, but a backup would fail"}</p>
      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
        <dt>Server</dt>
        <dd data-testid="server-version">{info.version}</dd>
        <dt>Database</dt>
        <dd>{info.database} · {formatSize(info.sizeBytes)}</dd>
        <dt>Privileges</dt>
        <dd>{ok ? "everything a backup needs" : `missing: ${info.missingPrivileges.join("; ")}`}</dd>
      </dl>
      {info.warnings.length ? (
        <ul className="mt-1 list-disc pl-5">
          {info.warnings.map((w) => <li key={w}>{w}</li>)}
        </ul>
      ) : null}
    </div>
  );
}
