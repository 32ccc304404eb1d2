// Bounded concurrency for chunk work: at most `limit` tasks in flight, so memory stays flat whatever the table size.

export class Limiter {
  private running = 0;
  private waiters: (() => void)[] = [];
  private readonly tasks = new Set<Promise<void>>();
  private error: unknown = null;

  constructor(private readonly limit: number) {}

  /** Waits for a free slot, then starts `task` without waiting for it; rethrows the first failure of any task. */
  async run(task: () => Promise<void>): Promise<void> {
    if (this.error) throw this.error;
    while (this.running >= this.limit) await new Promise<void>((resolve) => this.waiters.push(resolve));
    if (this.error) throw this.error;
    this.running++;
    const p = task()
      .catch((err) => {
        this.error ??= err;
      })
      .finally(() => {
        this.running--;
        this.tasks.delete(p);
        this.waiters.shift()?.();
      });
    this.tasks.add(p);
  }

  /** Waits for every started task; rethrows the first failure. */
  async drain(): Promise<void> {
    while (this.tasks.size) await Promise.all([...this.tasks]);
    if (this.error) throw this.error;
  }

  /** Waits for started tasks to settle, ignoring their failures: used on the way out of an error. */
  async settle(): Promise<void> {
    while (this.tasks.size) await Promise.allSettled([...this.tasks]);
  }
}

/** Runs `fn` over `items` with at most `limit` at once, stopping at the first failure. */
export async function runAll<T>(items: T[], limit: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        await fn(items[i], i);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
