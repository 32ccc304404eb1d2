// Benchmark entry point: `npm run bench -- postgres|mysql|diff [--runs N] [--scale S]` (see docs/benchmarks.md).
import { runDiffBench } from "./diff";
import { runMysqlBench } from "./mysql";
import { runPostgresBench } from "./postgres";

const [engine = "postgres", ...rest] = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = rest.indexOf(`--${name}`);
  return i >= 0 ? Number(rest[i + 1]) : fallback;
};

if (engine !== "postgres" && engine !== "mysql" && engine !== "diff") {
  process.stderr.write(`bench: "postgres", "mysql" or "diff" (got ${engine})\n`);
  process.exit(1);
}
const options = { runs: flag("runs", 1), scale: flag("scale", 10) };
const run =
  engine === "mysql" ? runMysqlBench({ ...options, compareLoad: rest.includes("--compare-load") }) : engine === "diff" ? runDiffBench(options) : runPostgresBench(options);
run.catch((err) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
