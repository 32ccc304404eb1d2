// Errors here wrap the driver's error as `cause` (a statement's context around the server's words): whether some
// error along that chain is of a kind. Shared by the engines' own messages and the job runner's retry rule.

/** Whether `err` or one of its first causes passes `test` (four deep covers every wrapping Tidemark does). */
export function causeChainHas<E = { code?: unknown; errno?: unknown; fatal?: unknown }>(err: unknown, test: (e: E) => boolean): boolean {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    if (test(e as E)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
