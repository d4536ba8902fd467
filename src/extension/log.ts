import * as vscode from 'vscode';
import { Disposable, type Logger } from '../service';

/** The "Loss Lens" output channel: every failure is logged here instead of reaching the extension host. */
export class Log extends Disposable implements Logger {
  private readonly channel = this.register(vscode.window.createOutputChannel('Loss Lens', { log: true }));

  info(message: string): void {
    this.channel.info(message);
  }

  error(what: string, err: unknown): void {
    this.channel.error(`${what}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }

  show(): void {
    this.channel.show(true);
  }

  /** Runs `work`, logging and reporting a failure instead of throwing it; resolves to undefined then. */
  async guard<T>(what: string, work: () => T | Promise<T>, tell = false): Promise<T | undefined> {
    try {
      return await work();
    } catch (err) {
      this.error(what, err);
      if (tell) void vscode.window.showErrorMessage(`Loss Lens: ${what} failed: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }
}
