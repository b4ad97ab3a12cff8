// Sends bytes exactly as written over a net.Socket (no client that would fix them) and returns what came
// back until the server closed the connection or went quiet.
import { connect } from "node:net";

export interface RawResponse {
  raw: string;
  status: number;
}

export function sendRaw(url: string, request: string, quietMs = 1_500): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let raw = "";
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(raw);
      resolve({ raw, status: match ? Number(match[1]) : 0 });
    };
    const arm = () => { clearTimeout(timer); timer = setTimeout(finish, quietMs); };
    socket.on("connect", () => { socket.write(request); arm(); });
    socket.on("data", (chunk) => { raw += chunk.toString("latin1"); arm(); });
    socket.on("end", finish);
    socket.on("close", finish);
    socket.on("error", (error) => (raw ? finish() : reject(error)));
  });
}
