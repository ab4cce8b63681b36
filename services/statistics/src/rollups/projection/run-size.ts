/**
 * How many messages a projection run takes. A run is written in one group commit; after a catch-up
 * on a busy store such a write can outlast the socket timeout, and the same run failing again
 * would hold the projection where it is for good. So a failed run halves the size for the retry
 * (down to `min`), and each run written doubles it back (up to `max`).
 */
export class RunSize {
  private size: number;

  constructor(
    private readonly max: number,
    private readonly min = 25,
  ) {
    this.size = max;
  }

  get current(): number {
    return this.size;
  }

  failed(): void {
    this.size = Math.max(this.min, Math.floor(this.size / 2));
  }

  written(): void {
    this.size = Math.min(this.max, this.size * 2);
  }
}
