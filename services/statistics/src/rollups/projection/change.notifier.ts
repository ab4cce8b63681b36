import { EventEmitter } from 'node:events';

export interface RollupChange {
  /** Org units whose rollups changed (each with all its ancestors). */
  orgUnitCodes: ReadonlySet<string>;
  eventType: string;
}

/**
 * Tells live watchers (WatchSummary) that rollups changed, right after the write. In-process:
 * a watcher sees the changes made by the instance it is connected to (docs/statistics.md).
 */
export class ChangeNotifier {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  changed(change: RollupChange): void {
    this.emitter.emit('change', change);
  }

  subscribe(listener: (change: RollupChange) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }
}
