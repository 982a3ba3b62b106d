/**
 * Per-request DataLoaders. Modules ask the registry for a loader by name; the
 * first ask in a request creates it, so batching spans the whole request and
 * nothing is cached across requests (or across callers).
 */
import DataLoader from "dataloader";

export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  /**
   * The loader called `name` for this request. Loaders whose batch depends on
   * field arguments include those arguments in `name`.
   */
  get<K, V>(name: string, batch: DataLoader.BatchLoadFn<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      // No maxBatchSize: every key of a nesting level goes into one statement
      // (`= ANY($1)` takes an array of any length), so the statement count
      // stays one per level however many rows a request returns. The size of
      // a request is bounded by the query cost limit instead.
      loader = new DataLoader<K, V>(batch);
      this.loaders.set(name, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }
}

/**
 * The row a foreign key guarantees, as a loader's promise: `load` answers
 * `T | null`, but a NOT NULL reference cannot miss. Returning the promise as
 * it is, instead of `(await load(id))!` in an async resolver, saves a promise
 * and two microtask turns per row of a list (Q3 of the benchmark runs 2 600).
 */
export function guaranteed<T>(row: Promise<T | null>): Promise<T> {
  return row as Promise<T>;
}

/**
 * The checked variant of `guaranteed`: a missing row throws (an internal
 * error: the foreign key is NOT NULL, so it is a broken database, not a
 * client error), at the price of an await per row.
 */
export async function required<T>(value: Promise<T | null>, what: string): Promise<T> {
  const row = await value;
  if (!row) throw new Error(`${what} is missing`);
  return row;
}
