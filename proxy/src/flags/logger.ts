/** The slice of pino the flags use; the proxy passes its logger, tests a silent one. */
export interface FlagsLogger {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

export const silentLogger: FlagsLogger = { info() {}, warn() {}, error() {} };
