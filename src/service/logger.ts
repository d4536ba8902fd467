/** Where the service reports what happened: the extension's output channel, the server's window/logMessage. */
export interface Logger {
  info(message: string): void;
  error(what: string, err: unknown): void;
}

/** Runs `work`; a failure is logged and undefined returned instead of the failure reaching the host. */
export async function guarded<T>(log: Logger, what: string, work: () => T | Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (err) {
    log.error(what, err);
    return undefined;
  }
}
