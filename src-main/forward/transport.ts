// What a forwarding transport does: send a batch of events (JSON text, in order) or fail saying whether
// and when to try again; and test the connection without sending anything.
export class TransportError extends Error {
  constructor(
    message: string,
    /** When the server said how long to wait (HTTP 429's Retry-After). */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export interface Transport {
  /** Recorded with each delivered event. */
  readonly name: string;
  /** At most this many events per send. */
  readonly batchSize: number;
  send(events: readonly string[]): Promise<void>;
  test(): Promise<string>;
}
