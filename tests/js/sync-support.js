// Test doubles for the sync layer: a fake clock with its scheduler, and a scripted collector.

/** Lets every pending promise callback run. */
export const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A clock starting at `t0` with a scheduler whose timers fire only when advance() passes them. */
export function fakeClock(t0) {
  let t = t0;
  let nextId = 1;
  const timers = new Map();
  return {
    now: () => t,
    scheduler: {
      setTimeout(fn, ms) {
        const id = nextId++;
        timers.set(id, { at: t + Math.max(0, ms), fn });
        return id;
      },
      clearTimeout: (id) => void timers.delete(id),
    },
    /** Delays from now of the pending timers. */
    pending: () => [...timers.values()].map((x) => x.at - t).sort((a, b) => a - b),
    /** Moves time forward by `ms`, firing due timers in order and letting their work settle. */
    async advance(ms) {
      const end = t + ms;
      for (;;) {
        const due = [...timers].filter(([, x]) => x.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        t = due[1].at;
        due[1].fn();
        await settle();
      }
      t = end;
      await settle();
    },
  };
}

/**
 * A transport recording each batch and answering from `script` in turn (an outcome object,
 * an Error to throw, or a function returning either); 200 once the script runs out.
 */
export function fakeCollector(script = []) {
  const batches = [];
  return {
    batches,
    messages: () => batches.flatMap((b) => b.batch),
    transport: async (body) => {
      batches.push(JSON.parse(JSON.stringify(body)));
      let next = script.shift();
      if (typeof next === 'function') next = await next();
      if (next instanceof Error) throw next;
      return next || { status: 200 };
    },
  };
}
