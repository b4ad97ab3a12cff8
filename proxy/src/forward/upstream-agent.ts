// A keep-alive agent per upstream that also enforces the two forwarding timeouts: connect (the TCP
// handshake) and response (silence from the upstream, before or during the body). Both fail the
// upstream request with a typed error, so the error handler can tell a timeout from a reset.
import { Agent } from "node:http";
import type { ClientRequest, IncomingMessage } from "node:http";
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
  /** Milliseconds an idle pooled socket is kept; default 4000. */
  idleSocketMs?: number;
}

// Idle pooled sockets close before the common 5 s server keep-alive timeout, so a request rarely
// lands on a socket the upstream is closing at that very moment.
const IDLE_SOCKET_MS = 4_000;
const CONNECT_TIMER = Symbol("connectTimer");
const SILENT_MS = Symbol("silentMs");
const SILENT_BYTES = Symbol("silentBytes");
const KEEP_ALIVE_HINT = /^timeout=(\d+)/;

type TimedSocket = Socket & { [CONNECT_TIMER]?: NodeJS.Timeout; _httpMessage?: ClientRequest | null };
type TimedRequest = ClientRequest & { agent: UpstreamAgent; res?: IncomingMessage | null; [SILENT_MS]?: number; [SILENT_BYTES]?: number };

// One socket timer serves both timeouts, armed once per socket rather than twice per request (node's
// request `timeout` re-arms it on hand-over and again when the socket goes back to the pool): it runs at
// the idle period, restarts on every byte either way, and while a request is on the socket each expiry
// adds to that request's silence until it reaches the response timeout. Only a response timeout shorter
// than the idle period still takes node's per-request path.
export class UpstreamAgent extends Agent {
  readonly upstreamName: string;
  readonly connectTimeoutMs: number;
  readonly responseTimeoutMs: number;
  readonly idleSocketMs: number;

  constructor(options: UpstreamAgentOptions) {
    super({ keepAlive: true, maxSockets: options.maxSockets, maxFreeSockets: options.maxSockets, scheduling: "lifo" });
    this.upstreamName = options.name;
    this.connectTimeoutMs = options.connectTimeoutMs;
    this.responseTimeoutMs = options.responseTimeoutMs;
    this.idleSocketMs = options.idleSocketMs ?? IDLE_SOCKET_MS;
  }

  override createConnection(options: NetConnectOpts): Socket {
    const socket = createConnection(options) as TimedSocket;
    socket.setNoDelay(true);
    socket.setTimeout(this.idleSocketMs);
    socket[CONNECT_TIMER] = setTimeout(onConnectTimeout, this.connectTimeoutMs, socket, this);
    socket.once("connect", clearConnectTimer);
    socket.once("close", clearConnectTimer);
    socket.on("timeout", onSocketTimeout);
    return socket;
  }

  // Called by node for every request that uses this agent. Only a response timeout below the idle
  // period needs node to arm the socket per request (`timeout` is applied on hand-over).
  addRequest(request: ClientRequest, options: unknown): void {
    if (this.responseTimeoutMs < this.idleSocketMs) (request as ClientRequest & { timeout?: number }).timeout = this.responseTimeoutMs;
    (Agent.prototype as unknown as { addRequest(r: ClientRequest, o: unknown): void }).addRequest.call(this, request, options);
  }

  // node's own keepSocketAlive, with the idle period in place of the agent `timeout` option (which would
  // make node re-arm the socket timer twice per request): a server's shorter `Keep-Alive: timeout=N`
  // hint still wins, less node's usual one-second margin.
  override keepSocketAlive(socket: Socket): boolean {
    socket.setKeepAlive(true, (this as unknown as { keepAliveMsecs: number }).keepAliveMsecs);
    socket.unref();
    let idleMs = this.idleSocketMs;
    const hint = ((socket as TimedSocket)._httpMessage as TimedRequest | null | undefined)?.res?.headers["keep-alive"];
    const seconds = typeof hint === "string" ? KEEP_ALIVE_HINT.exec(hint)?.[1] : undefined;
    if (seconds !== undefined) {
      const buffer = (this as unknown as { agentKeepAliveTimeoutBuffer?: number }).agentKeepAliveTimeoutBuffer ?? 1_000;
      const hintMs = Number.parseInt(seconds, 10) * 1_000 - buffer;
      if (hintMs <= 0) return false;
      if (hintMs < idleMs) idleMs = hintMs;
    }
    if (socket.timeout !== idleMs) socket.setTimeout(idleMs);
    return true;
  }
}

function onConnectTimeout(socket: Socket, agent: UpstreamAgent): void {
  socket.destroy(new UpstreamConnectTimeoutError(agent.upstreamName, agent.connectTimeoutMs));
}

function clearConnectTimer(this: TimedSocket): void {
  clearTimeout(this[CONNECT_TIMER]);
}

// The socket went quiet for its timer's period. Idle in the pool: the agent closes it. Carrying a request:
// the silence adds up (no byte moved since the last expiry) until the response timeout fails the request
// with a typed error; until then the timer is re-armed for what is left.
function onSocketTimeout(this: TimedSocket): void {
  const request = this._httpMessage as TimedRequest | null | undefined;
  if (request === null || request === undefined || request.destroyed) return;
  const agent = request.agent;
  const bytes = this.bytesRead + this.bytesWritten;
  const silentMs = (request[SILENT_BYTES] === bytes ? request[SILENT_MS]! : 0) + (this.timeout ?? 0);
  if (silentMs >= agent.responseTimeoutMs) {
    request.destroy(new UpstreamTimeoutError(agent.upstreamName, agent.responseTimeoutMs));
    return;
  }
  request[SILENT_MS] = silentMs;
  request[SILENT_BYTES] = bytes;
  this.setTimeout(Math.min(agent.idleSocketMs, agent.responseTimeoutMs - silentMs));
}

/** The same timeouts, but every socket is closed after one exchange: a retry must not meet a stale socket. */
export class FreshConnectionAgent extends UpstreamAgent {
  override keepSocketAlive(): boolean {
    return false;
  }
}
