// Bounded concurrency for file reads: the workspace index and the workspace's combined fix read many
// files, and a few reads at a time keep the disk busy without opening thousands of handles at once.

/** Reads at a time: enough to overlap the disk's latency, few enough to stay polite. */
export const READ_CONCURRENCY = 8;

/**
 * Runs `work` on what `take` hands out, at most `concurrency` at a time. `take` is asked before each
 * item, synchronously, and returns undefined when there is nothing more to do, so it can stop the pool
 * early; what `work` does before its first await happens before the next item is taken.
 */
export async function inPool<T>(take: () => T | undefined, work: (item: T) => Promise<void>, concurrency = READ_CONCURRENCY): Promise<void> {
  const worker = async (): Promise<void> => {
    for (let item = take(); item !== undefined; item = take()) await work(item);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
