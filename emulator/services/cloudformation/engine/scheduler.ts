// Runs one action per node once the nodes it waits for are done; independent nodes run in parallel.

export interface WalkResult {
  /** Nodes whose action returned false or threw. */
  failed: string[];
  /** Nodes never started (blocked by a failure, or stopped). */
  notStarted: string[];
}

export function walk(
  ids: string[],
  waitsFor: (id: string) => string[],
  act: (id: string) => Promise<boolean>,
  opts: { stopOnFailure: boolean },
): Promise<WalkResult> {
  const inSet = new Set(ids);
  const pending = new Set(ids);
  const done = new Set<string>();
  const failed: string[] = [];
  let running = 0;
  let stopped = false;
  return new Promise((resolve) => {
    const pump = () => {
      if (!stopped) {
        for (const id of [...pending]) {
          if (!waitsFor(id).every((d) => done.has(d) || !inSet.has(d))) continue;
          pending.delete(id);
          running++;
          act(id)
            .catch(() => false)
            .then((ok) => {
              running--;
              if (ok) done.add(id);
              else {
                failed.push(id);
                if (opts.stopOnFailure) stopped = true;
              }
              pump();
            });
        }
      }
      if (running === 0) resolve({ failed, notStarted: [...pending] });
    };
    pump();
  });
}
