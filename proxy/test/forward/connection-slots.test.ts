// Admission to an upstream: a fixed number of slots, a bounded FIFO of waiters, a bounded wait.
import { describe, expect, it } from "vitest";
import { createConnectionSlots } from "../../src/forward/connection-slots.ts";
import type { SlotWaiter } from "../../src/forward/connection-slots.ts";

function waiter(name: string, events: string[]): SlotWaiter {
  return { onSlot: () => events.push(`${name} granted`), onSlotTimeout: () => events.push(`${name} timed out`) };
}

describe("connection slots", () => {
  it("grants up to the size, then queues waiters in order and hands each released slot to the longest waiter", () => {
    const events: string[] = [];
    const waits: boolean[] = [];
    const slots = createConnectionSlots({ size: 2, queueLength: 2, waitMs: 10_000, onWait: (_s, granted) => waits.push(granted) });
    expect([slots.tryAcquire(), slots.tryAcquire(), slots.tryAcquire()]).toEqual([true, true, false]);
    expect([slots.wait(waiter("a", events)), slots.wait(waiter("b", events)), slots.wait(waiter("c", events))]).toEqual([true, true, false]);
    expect(slots.stats()).toEqual({ inFlight: 2, queued: 2, size: 2, queueLength: 2, waitMs: 10_000 });
    slots.release();
    slots.release();
    expect(events).toEqual(["a granted", "b granted"]);
    expect(slots.stats()).toMatchObject({ inFlight: 2, queued: 0 });
    slots.release();
    slots.release();
    expect(slots.stats()).toMatchObject({ inFlight: 0, queued: 0 });
    expect(waits).toEqual([true, true]);
  });

  it("does not let a newcomer pass the queue while waiters wait", () => {
    const events: string[] = [];
    const slots = createConnectionSlots({ size: 1, queueLength: 4, waitMs: 10_000 });
    slots.tryAcquire();
    slots.wait(waiter("a", events));
    slots.release();
    expect(events).toEqual(["a granted"]);
    expect(slots.tryAcquire()).toBe(false);
    slots.release();
    expect(slots.tryAcquire()).toBe(true);
  });

  it("tells a waiter whose wait ran out, and takes a cancelled waiter out of the queue", async () => {
    const events: string[] = [];
    const waits: boolean[] = [];
    const slots = createConnectionSlots({ size: 1, queueLength: 4, waitMs: 50, onWait: (_s, granted) => waits.push(granted) });
    slots.tryAcquire();
    const cancelled = waiter("cancelled", events);
    slots.wait(waiter("late", events));
    slots.wait(cancelled);
    slots.cancel(cancelled);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(events).toEqual(["late timed out"]);
    expect(waits).toEqual([false]);
    expect(slots.stats()).toMatchObject({ inFlight: 1, queued: 0 });
  });

  it("refuses every waiter when the queue length is 0", () => {
    const slots = createConnectionSlots({ size: 1, queueLength: 0, waitMs: 50 });
    slots.tryAcquire();
    expect(slots.wait(waiter("a", []))).toBe(false);
  });
});
