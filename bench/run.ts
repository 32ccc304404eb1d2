// Benchmark entry point: `npm run bench -- postgres|mysql|diff|workers [--runs N] [--scale S]` (see docs/benchmarks.md).
import { runDiffBench } from "./diff";
import { runMysqlBench } from "./mysql";
import { runPostgresBench } from "./postgres";
import { runWorkersBench } from "./workers";

const [engine = "postgres", ...rest] = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = rest.indexOf(`--${name}`);
  return i >= 0 ? Number(rest[i + 1]) : fallback;
};

if (engine !== "postgres" && engine !== "mysql" && engine !== "diff" && engine !== "workers") {
  process.stderr.write(`bench: "postgres", "mysql", "diff" or "workers" (got ${engine})\n`);
  process.exit(1);
}
const options = { runs: flag("runs", 1), scale: flag("scale", 10) };
const workerCounts = (rest[rest.indexOf("--workers") + 1] ?? "").split(",").map(Number).filter((n) => n > 0);
const run =
  engine === "workers"
    ? runWorkersBench({ scale: flag("scale", 1), workers: rest.includes("--workers") && workerCounts.length ? workerCounts : [1, 2, 3], concurrency: flag("concurrency", 1) })
    : engine === "mysql" ? runMysqlBench({ ...options, compareLoad: rest.includes("--compare-load") }) : engine === "diff" ? runDiffBench(options) : runPostgresBench(options);
run.catch((err) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
