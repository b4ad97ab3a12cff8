// Admission to one upstream: at most `size` requests at a time (one per pooled connection), a bounded FIFO
// of waiters behind them, and a bound on each wait. Nothing queues without limit: a full queue refuses at
// once and a waiter whose time runs out is told so; both become a 503 page. undici's own pool queue stays
// empty because no more requests are dispatched than the pool has connections.

export interface SlotWaiter {
  /** A slot came free; it is now held by this waiter. */
  onSlot(): void;
  /** The wait outlasted `waitMs`; the waiter is out of the queue and holds nothing. */
  onSlotTimeout(): void;
}

export interface SlotStats {
  /** Requests holding a slot. */
  inFlight: number;
  /** Requests waiting for one. */
  queued: number;
  size: number;
  queueLength: number;
  waitMs: number;
}

export interface ConnectionSlotsOptions {
  /** Required. Concurrent requests (= pooled connections). */
  size: number;
  /** Required. Waiters allowed behind them; 0 refuses as soon as every slot is taken. */
  queueLength: number;
  /** Required. Milliseconds a waiter may wait. */
  waitMs: number;
  /** Called with the seconds each waiter waited (granted or not); not called for requests that never waited. */
  onWait?: (seconds: number, granted: boolean) => void;
}

export interface ConnectionSlots {
  /** Takes a slot if one is free. */
  tryAcquire(): boolean;
  /** Queues a waiter; false when the queue is full (the waiter holds nothing). */
  wait(waiter: SlotWaiter): boolean;
  /** Takes a waiter out of the queue (its request ended while waiting). */
  cancel(waiter: SlotWaiter): void;
  /** Gives a slot back: to the longest waiter, or to the free pool. */
  release(): void;
  stats(): SlotStats;
}

interface Waiting { since: number; timer: NodeJS.Timeout }

export function createConnectionSlots(options: ConnectionSlotsOptions): ConnectionSlots {
  const { size, queueLength, waitMs, onWait } = options;
  let inFlight = 0;
  // A Map keeps insertion order (FIFO) and deletes a cancelled waiter in O(1).
  const queue = new Map<SlotWaiter, Waiting>();

  function expire(waiter: SlotWaiter): void {
    const waiting = queue.get(waiter);
    if (waiting === undefined) return;
    queue.delete(waiter);
    onWait?.((performance.now() - waiting.since) / 1000, false);
    waiter.onSlotTimeout();
  }

  return {
    tryAcquire() {
      if (inFlight >= size || queue.size > 0) return false;
      inFlight += 1;
      return true;
    },
    wait(waiter) {
      if (queue.size >= queueLength) return false;
      queue.set(waiter, { since: performance.now(), timer: setTimeout(expire, waitMs, waiter) });
      return true;
    },
    cancel(waiter) {
      const waiting = queue.get(waiter);
      if (waiting === undefined) return;
      clearTimeout(waiting.timer);
      queue.delete(waiter);
    },
    release() {
      const next = queue.entries().next();
      if (next.done === true) {
        inFlight -= 1;
        return;
      }
      const [waiter, waiting] = next.value;
      clearTimeout(waiting.timer);
      queue.delete(waiter);
      onWait?.((performance.now() - waiting.since) / 1000, true);
      waiter.onSlot(); // the slot passes on: inFlight stays
    },
    stats: () => ({ inFlight, queued: queue.size, size, queueLength, waitMs }),
  };
}
