// The smallest surface the engine client needs from its transport, the shape Comlink calls an `Endpoint`:
// a real Worker, one side of a MessageChannel, or a test double all fit, so tests run without a worker.
export interface MessageEndpoint {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  /** MessagePort needs start() when listened to through addEventListener; a Worker has none. */
  start?(): void;
}
