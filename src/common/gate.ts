/**
 * A limit on how many tasks run at once, the others waiting their turn in
 * the order they came (the alignment network over everyone: each holds one
 * or two pool connections for seconds, and the pool must keep some for
 * every other request).
 */
export class Gate {
  private running = 0;
  private readonly queue: Array<() => void> = [];

  /** At most `capacity` tasks at once; 0 lets every task run at once. */
  constructor(readonly capacity: number) {}

  /** Tasks running now. */
  get active(): number {
    return this.running;
  }

  /** Tasks waiting for their turn. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Runs `task` when its turn comes; its failure frees its place too. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.capacity > 0 && this.running >= this.capacity) {
      // The place is handed over by the task that ends (see below), so no
      // task that comes later can take it first.
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await task();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.running--;
    }
  }
}
