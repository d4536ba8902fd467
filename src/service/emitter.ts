/** A minimal event emitter with the shape of `vscode.Event`: `event(listener)` returns what removes it. */
import type { DisposableLike } from './dispose';

export type Event<T> = (listener: (value: T) => void) => DisposableLike;

export class Emitter<T> implements DisposableLike {
  private readonly listeners = new Set<(value: T) => void>();

  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }

  dispose(): void {
    this.listeners.clear();
  }
}
