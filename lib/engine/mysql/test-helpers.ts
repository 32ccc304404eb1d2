// Shared checks for the MySQL connector's integration tests: schema dumps by mysqldump, table contents by the client.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { MYSQL_ADMIN_URL, mysqlExec } from "../../../test/support/databases";

const run = promisify(execFile);

function clientArgs(): string[] {
  const u = new URL(MYSQL_ADMIN_URL);
  return [`-h${u.hostname}`, `-P${u.port || 3306}`, `-u${decodeURIComponent(u.username || "root")}`, ...(u.password ? [`-p${decodeURIComponent(u.password)}`] : [])];
}

/** `mysqldump --no-data --skip-comments` with routines, triggers and events, the database's own name masked. */
export async function schemaDump(database: string): Promise<string> {
  const { stdout } = await run("mysqldump", [...clientArgs(), "--no-data", "--skip-comments", "--routines", "--triggers", "--events", "--skip-dump-date", database], {
    maxBuffer: 64 << 20,
  });
  return stdout
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => l.replaceAll(database, "<db>"))
    .join("\n");
}

/**
 * Every table's rows as the mysql client prints them (--raw, generated columns included), lines sorted:
 * an independent check that does not use the connector's own reading code.
 */
export async function tableContents(database: string): Promise<Map<string, string>> {
  const list = await run("mysql", [...clientArgs(), "-N", "-B", "-e", "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY 1", database]);
  const out = new Map<string, string>();
  for (const t of list.stdout.split("\n").filter(Boolean)) {
    const { stdout } = await run("mysql", [...clientArgs(), "-N", "-B", "--raw", "--binary-as-hex", "-e", `SELECT * FROM \`${t.replaceAll("`", "``")}\``, database], {
      maxBuffer: 256 << 20,
      encoding: "latin1",
    });
    out.set(t, stdout.split("\n").sort().join("\n"));
  }
  return out;
}

/** Lets a recursive CTE make `rows` rows: MariaDB's max_recursive_iterations, MySQL 8's cte_max_recursion_depth. */
export async function recursionLimitSql(rows: number): Promise<string> {
  const [r] = (await mysqlExec("SELECT VERSION() AS v")) as { v: string }[];
  return /mariadb/i.test(r.v) ? `SET SESSION max_recursive_iterations = ${rows};` : `SET SESSION cte_max_recursion_depth = ${rows};`;
}
