// Benchmark entry point: `npm run bench -- postgres [--runs N] [--scale S]` (see docs/benchmarks.md).
import { runPostgresBench } from "./postgres";

const [engine = "postgres", ...rest] = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = rest.indexOf(`--${name}`);
  return i >= 0 ? Number(rest[i + 1]) : fallback;
};

if (engine !== "postgres") {
  process.stderr.write(`bench: only "postgres" is implemented (got ${engine})\n`);
  process.exit(1);
}
runPostgresBench({ runs: flag("runs", 1), scale: flag("scale", 10) }).catch((err) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
