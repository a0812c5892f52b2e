// A small concurrency limit for the verifier's AWS reads: enough at once to check a large estate in
// minutes, few enough not to trip API throttling.

/** Runs at most `max` tasks at once; a finishing task hands its place straight to the next waiting one. */
export function concurrencyLimit(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (active < max) active += 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active -= 1;
    }
  };
}
