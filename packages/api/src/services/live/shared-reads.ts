import { performance } from "node:perf_hooks";

/**
 * Reads shared between the watches of one process that would read the same thing for the same
 * burst of announcements: the tabs of one user on one batch page all wake on the same NOTIFY, and
 * one read answers them all (ADR 034).
 */
export class SharedReads<T> {
  private readonly latest = new Map<string, { startedAt: number; value: Promise<T> }>();

  /**
   * A read of `key` that started at or after `since` (the moment the caller learnt that something
   * moved), or a new one. A failed read is not shared with later callers.
   */
  read(key: string, since: number, load: () => Promise<T>): Promise<T> {
    const known = this.latest.get(key);
    if (known !== undefined && known.startedAt >= since) return known.value;
    const entry = { startedAt: performance.now(), value: load() };
    this.latest.set(key, entry);
    entry.value.catch(() => {
      if (this.latest.get(key) === entry) this.latest.delete(key);
    });
    return entry.value;
  }

  /** Forgets `key` (its last watch has ended). */
  forget(key: string): void {
    this.latest.delete(key);
  }
}
