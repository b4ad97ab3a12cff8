// The service logs one JSON line per event to stderr; tests pass a quiet or recording logger.
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

function line(level: string, message: string, fields: Record<string, unknown> = {}): void {
  process.stderr.write(`${JSON.stringify({ level, time: new Date().toISOString(), service: "search", msg: message, ...fields })}\n`);
}

export const jsonLogger: Logger = {
  info: (message, fields) => line("info", message, fields),
  warn: (message, fields) => line("warn", message, fields),
  error: (message, fields) => line("error", message, fields),
};

export const quietLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
