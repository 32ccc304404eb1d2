// `tidemark` command line: backups, restores, verification and exports without the web app.
import "./cli/process-setup";
import { parseArgs } from "node:util";
import { backupCmd, diffCmd, exportCmd, forgetCmd, repoInit, restoreCmd, snapshotsCmd, unlockCmd, verifyCmd, type Options } from "./cli/commands";
import { CliError } from "./cli/passphrase";

const USAGE = `Usage:
  tidemark repo init   --repo <dir>
  tidemark backup      --url <db-url> --repo <dir> [--type full|incremental|differential] [--tables a,b] [--json]
  tidemark snapshots   --repo <dir> [--json]
  tidemark restore <snapshot> --repo <dir> --url <target-db-url> [--tables a,b] [--mode new|replace] [--json]
  tidemark diff <snapshot> (<snapshot> | --live <db-url>) --repo <dir> [--tables a,b] [--json]
  tidemark verify (<snapshot> | --all) --repo <dir> [--json]
  tidemark export <snapshot> --repo <dir> --format sql > dump.sql
  tidemark forget      --repo <dir> [--keep-last N] [--keep-hourly N] [--keep-daily N] [--keep-weekly N]
                       [--keep-monthly N] [--keep-yearly N] [--url <db-url>] [--tz Europe/Berlin] [--prune] [--dry-run] [--json]
  tidemark forget <snapshot>... --repo <dir> [--prune] [--dry-run] [--json]
  tidemark unlock      --repo <dir> [--all]
The repository passphrase comes from TIDEMARK_PASSPHRASE or a prompt.`;

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      repo: { type: "string" },
      url: { type: "string" },
      type: { type: "string" },
      tables: { type: "string" },
      mode: { type: "string" },
      format: { type: "string" },
      json: { type: "boolean" },
      all: { type: "boolean" },
      "keep-last": { type: "string" },
      "keep-hourly": { type: "string" },
      "keep-daily": { type: "string" },
      "keep-weekly": { type: "string" },
      "keep-monthly": { type: "string" },
      "keep-yearly": { type: "string" },
      "dry-run": { type: "boolean" },
      prune: { type: "boolean" },
      tz: { type: "string" },
      live: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    process.stdout.write(USAGE + "\n");
    return;
  }
  // First Ctrl-C/SIGTERM cancels cleanly between chunks (no snapshot is written); a second one exits at once.
  const controller = new AbortController();
  const cancel = (signal: string) => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort(new CliError(`Cancelled by ${signal}: no snapshot was written`));
  };
  process.on("SIGINT", () => cancel("SIGINT"));
  process.on("SIGTERM", () => cancel("SIGTERM"));
  const o: Options = { ...values, positionals: rest, signal: controller.signal };
  switch (command) {
    case "repo":
      if (rest[0] !== "init") throw new CliError(`Unknown command: repo ${rest[0] ?? ""} (did you mean \`repo init\`?)`);
      return repoInit({ ...o, positionals: rest.slice(1) });
    case "backup":
      return backupCmd(o);
    case "snapshots":
      return snapshotsCmd(o);
    case "restore":
      return restoreCmd(o);
    case "diff":
      return diffCmd(o);
    case "verify":
      return verifyCmd(o);
    case "export":
      return exportCmd(o);
    case "forget":
      return forgetCmd(o);
    case "unlock":
      return unlockCmd(o);
    default:
      throw new CliError(`Unknown command ${command}\n${USAGE}`);
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(process.exitCode ?? 0),
  (err: unknown) => {
    if (process.env.TIDEMARK_DEBUG === "1") console.error(err);
    else {
      const message = err instanceof Error ? err.message : String(err);
      const usage = err instanceof CliError && message.includes("\nUsage:");
      process.stderr.write(`tidemark: ${usage ? message : message.split("\n")[0]}\n`);
    }
    process.exit(1);
  },
);
