import { Gate } from "./gate";

/** A task that ends when told to, and records when it started. */
function task(started: string[], name: string) {
  let finish!: (ok: boolean) => void;
  const done = new Promise<boolean>((resolve) => (finish = resolve));
  const run = async () => {
    started.push(name);
    if (!(await done)) throw new Error(`${name} failed`);
    return name;
  };
  return { run, finish };
}

/** Lets every pending promise callback run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("Gate", () => {
  it("runs at most `capacity` tasks at once, the others in the order they came", async () => {
    const gate = new Gate(2);
    const started: string[] = [];
    const [a, b, c, d] = ["a", "b", "c", "d"].map((n) => task(started, n));
    const results = [a, b, c, d].map((t) => gate.run(t.run));
    await settle();
    expect(started).toEqual(["a", "b"]);
    expect([gate.active, gate.waiting]).toEqual([2, 2]);

    b.finish(true);
    await settle();
    expect(started).toEqual(["a", "b", "c"]);
    expect([gate.active, gate.waiting]).toEqual([2, 1]);

    // A failure frees its place as well.
    a.finish(false);
    await expect(results[0]).rejects.toThrow("a failed");
    await settle();
    expect(started).toEqual(["a", "b", "c", "d"]);

    c.finish(true);
    d.finish(true);
    await expect(Promise.all(results.slice(1))).resolves.toEqual(["b", "c", "d"]);
    expect([gate.active, gate.waiting]).toEqual([0, 0]);
  });

  it("lets every task run at once with capacity 0", async () => {
    const gate = new Gate(0);
    const started: string[] = [];
    const tasks = ["a", "b", "c"].map((n) => task(started, n));
    const results = tasks.map((t) => gate.run(t.run));
    await settle();
    expect(started).toEqual(["a", "b", "c"]);
    tasks.forEach((t) => t.finish(true));
    await expect(Promise.all(results)).resolves.toEqual(["a", "b", "c"]);
  });
});
