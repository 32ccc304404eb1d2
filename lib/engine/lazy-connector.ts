// A Connector that loads its engine's code on first use, so a PostgreSQL backup never loads mysql2 or node:sqlite.
import type { Connector, EngineKind, RestoreTarget, TableRef } from "./types";

export class LazyConnector implements Connector {
  private real: Promise<Connector> | null = null;

  constructor(
    readonly engine: EngineKind,
    private readonly load: () => Promise<Connector>,
  ) {}

  /** Starts loading the engine now (e.g. while the repository key is derived); errors surface on first use. */
  preload(): void {
    this.get().catch(() => {});
  }

  private get(): Promise<Connector> {
    return (this.real ??= this.load());
  }

  async test() {
    return (await this.get()).test();
  }

  async introspect() {
    return (await this.get()).introspect();
  }

  async openSnapshot(options?: { tables?: TableRef[] }) {
    return (await this.get()).openSnapshot(options);
  }

  async openRestore(target: RestoreTarget) {
    return (await this.get()).openRestore(target);
  }

  forDatabase(database: string): Connector {
    return new LazyConnector(this.engine, async () => (await this.get()).forDatabase(database));
  }

  async close(): Promise<void> {
    // Never loaded means nothing to close; a connector that failed to load holds nothing either.
    if (!this.real) return;
    const real = await this.real.catch(() => null);
    await real?.close();
  }
}
