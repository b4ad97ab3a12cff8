// Shoppers spread over two proxy instances, the way a load balancer in front of them spreads requests:
// one instance, then the other, per request. When an instance refuses the connection (nothing was sent)
// the request goes to the other one, whatever its method: a balancer's redispatch. When a connection
// closes before any answer, a GET is sent once more to the other instance, as browsers (RFC 9112 §9.3.1)
// and balancers such as nginx (proxy_next_upstream error) do for idempotent requests; a POST never is.
import type { Agent } from "undici";
import { errorCode, sendTo } from "./load.ts";
import type { Sender } from "./load.ts";

const NOTHING_SENT = new Set(["ECONNREFUSED"]);
const CLOSED_BEFORE_ANSWER = new Set(["UND_ERR_SOCKET", "ECONNRESET", "EPIPE"]);

export interface SpreadSender {
  send: Sender;
  /** Redispatched requests by the error that caused it, e.g. { "GET ECONNREFUSED": 12 }. */
  redispatches: Record<string, number>;
}

export function createSpreadSender(origins: readonly [string, string], agent: Agent): SpreadSender {
  let turn = 0;
  const redispatches: Record<string, number> = {};
  const send: Sender = async (shopRequest) => {
    const first = turn++ % 2;
    try {
      return { ...(await sendTo(origins[first]!, agent, shopRequest)), redispatched: false };
    } catch (error) {
      const code = errorCode(error);
      const mayResend = NOTHING_SENT.has(code) || (shopRequest.method === "GET" && CLOSED_BEFORE_ANSWER.has(code));
      if (!mayResend) throw error;
      const key = `${shopRequest.method} ${code}`;
      redispatches[key] = (redispatches[key] ?? 0) + 1;
      return { ...(await sendTo(origins[1 - first]!, agent, shopRequest)), redispatched: true };
    }
  };
  return { send, redispatches };
}
