// A keep-alive agent per upstream that also enforces the two forwarding timeouts: connect (the TCP
// handshake) and response (silence from the upstream, before or during the body). Both fail the
// upstream request with a typed error, so the error handler can tell a timeout from a reset.
import { Agent } from "node:http";
import type { ClientRequest } from "node:http";
import { createConnection } from "node:net";
import type { NetConnectOpts, Socket } from "node:net";
import { UpstreamConnectTimeoutError, UpstreamTimeoutError } from "../errors.ts";

export interface UpstreamAgentOptions {
  /** Required. Upstream name, for error messages. */
  name: string;
  /** Required. Milliseconds to open the TCP connection. */
  connectTimeoutMs: number;
  /** Required. Milliseconds of silence from the upstream before the request fails. */
  responseTimeoutMs: number;
  /** Required. Socket cap per upstream. */
  maxSockets: number;
}

// Idle pooled sockets close before the common 5 s server keep-alive timeout, so a request rarely
// lands on a socket the upstream is closing at that very moment.
const IDLE_SOCKET_MS = 4_000;
const CONNECT_TIMER = Symbol("connectTimer");

export class UpstreamAgent extends Agent {
  readonly upstreamName: string;
  readonly connectTimeoutMs: number;
  readonly responseTimeoutMs: number;

  constructor(options: UpstreamAgentOptions) {
    super({ keepAlive: true, maxSockets: options.maxSockets, maxFreeSockets: options.maxSockets, timeout: IDLE_SOCKET_MS, scheduling: "lifo" });
    this.upstreamName = options.name;
    this.connectTimeoutMs = options.connectTimeoutMs;
    this.responseTimeoutMs = options.responseTimeoutMs;
  }

  override createConnection(options: NetConnectOpts): Socket {
    const socket = createConnection(options) as Socket & { [CONNECT_TIMER]?: NodeJS.Timeout };
    socket.setNoDelay(true);
    socket[CONNECT_TIMER] = setTimeout(onConnectTimeout, this.connectTimeoutMs, socket, this);
    socket.once("connect", clearConnectTimer);
    socket.once("close", clearConnectTimer);
    socket.on("timeout", onSocketTimeout);
    return socket;
  }

  // Called by node for every request that uses this agent. `timeout` is the request option node applies
  // to the socket when it hands it over (new or reused); no listener is added per request.
  addRequest(request: ClientRequest, options: unknown): void {
    (request as ClientRequest & { timeout?: number }).timeout = this.responseTimeoutMs;
    (Agent.prototype as unknown as { addRequest(r: ClientRequest, o: unknown): void }).addRequest.call(this, request, options);
  }
}

function onConnectTimeout(socket: Socket, agent: UpstreamAgent): void {
  socket.destroy(new UpstreamConnectTimeoutError(agent.upstreamName, agent.connectTimeoutMs));
}

function clearConnectTimer(this: Socket & { [CONNECT_TIMER]?: NodeJS.Timeout }): void {
  clearTimeout(this[CONNECT_TIMER]);
}

// A pooled socket's timeout: while it carries a request the upstream went silent too long, so that request
// fails with a typed error; an idle socket is left to the agent, which closes it.
function onSocketTimeout(this: Socket & { _httpMessage?: ClientRequest | null }): void {
  const request = this._httpMessage;
  if (request === null || request === undefined || request.destroyed) return;
  const agent = (request as ClientRequest & { agent: UpstreamAgent }).agent;
  request.destroy(new UpstreamTimeoutError(agent.upstreamName, agent.responseTimeoutMs));
}

/** The same timeouts, but every socket is closed after one exchange: a retry must not meet a stale socket. */
export class FreshConnectionAgent extends UpstreamAgent {
  override keepSocketAlive(): boolean {
    return false;
  }
}
