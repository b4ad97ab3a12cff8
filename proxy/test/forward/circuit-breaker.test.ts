import { describe, expect, it } from "vitest";
import { createCircuitBreaker } from "../../src/forward/circuit-breaker.ts";

describe("createCircuitBreaker", () => {
  function make() {
    let now = 0;
    const breaker = createCircuitBreaker({ failureThreshold: 2, openMs: 100, now: () => now });
    return { breaker, advance: (ms: number) => { now += ms; } };
  }

  it("stays closed while failures are not consecutive", () => {
    const { breaker } = make();
    breaker.recordFailure();
    breaker.recordSuccess();
    breaker.recordFailure();
    expect([breaker.state(), breaker.allowRequest()]).toEqual(["closed", true]);
  });

  it("opens at the threshold and refuses until the open period ends", () => {
    const { breaker, advance } = make();
    breaker.recordFailure();
    breaker.recordFailure();
    expect([breaker.state(), breaker.allowRequest()]).toEqual(["open", false]);
    advance(99);
    expect(breaker.allowRequest()).toBe(false);
  });

  it("lets one probe through when half-open, and only one", () => {
    const { breaker, advance } = make();
    breaker.recordFailure();
    breaker.recordFailure();
    advance(100);
    expect([breaker.allowRequest(), breaker.state(), breaker.allowRequest()]).toEqual([true, "half-open", false]);
    breaker.recordSuccess();
    expect([breaker.state(), breaker.allowRequest()]).toEqual(["closed", true]);
  });

  it("reopens when the probe fails, and grants a new probe if one never reports", () => {
    const { breaker, advance } = make();
    breaker.recordFailure();
    breaker.recordFailure();
    advance(100);
    breaker.allowRequest();
    breaker.recordFailure();
    expect(breaker.state()).toBe("open");
    advance(100);
    expect(breaker.allowRequest()).toBe(true);
    advance(100);
    expect(breaker.allowRequest()).toBe(true);
  });
});
