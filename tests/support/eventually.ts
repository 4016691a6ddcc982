/**
 * Polls until a condition holds. A timer firing, or an activity finishing, reaches PostgreSQL a
 * moment after the workflow moved: tests wait for the row to show it instead of sleeping.
 */
export async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, { timeoutMs = 15_000, intervalMs = 100 } = {}): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
