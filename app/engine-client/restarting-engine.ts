// A worker that crashes or hangs is replaced, not mourned: the engine is stateless apart from the loaded
// scenario, so a fresh worker is brought back by replaying the last `load` as its first message (a port
// delivers in order, so nothing can reach the new worker before its scenario), then the request that
// failed is tried once more. The caller hears about the restart through `onRestart` (to show a notice).
// A `load` that runs past its deadline is not retried: the worker is replaced, the previous scenario is
// replayed into the new one, and the load answers with an error saying it was stopped.
import type { EngineReply, EngineRequest } from '../../engine/protocol';
import { createEngineClient, EngineTimeout, type EngineClient } from './client';
import type { MessageEndpoint } from './endpoint';

export interface SpawnedEngine extends MessageEndpoint {
  terminate(): void;
  /** Worker 'error' events: an uncaught failure inside the worker. */
  onCrash?(listener: () => void): void;
}

export interface Engine {
  request(request: EngineRequest): Promise<EngineReply>;
  dispose(): void;
}

export interface RestartingEngineOptions {
  /** How long any request may go unanswered before the worker counts as hung. */
  readonly timeoutMs?: number;
  /** How long a `load` may run before it is stopped (a huge or amplifying scenario). */
  readonly loadTimeoutMs?: number;
  readonly onRestart?: (why: string) => void;
}

type LoadRequest = Extract<EngineRequest, { kind: 'load' }>;

export function createRestartingEngine(
  spawn: () => SpawnedEngine,
  options: RestartingEngineOptions = {},
): Engine {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const loadTimeoutMs = options.loadTimeoutMs ?? timeoutMs;
  /** The last load the engine answered: what a replacement worker must hold. */
  let lastLoad: LoadRequest | null = null;
  let current: { port: SpawnedEngine; client: EngineClient };

  const boot = (): void => {
    const port = spawn();
    const client = createEngineClient(port, { timeoutMs: Math.max(timeoutMs, loadTimeoutMs) });
    current = { port, client };
    port.onCrash?.(() => {
      if (current.port === port) restart('the engine crashed');
    });
    // Posted before anything else can be, so the new worker holds the scenario before any trace arrives.
    if (lastLoad) void client.request(lastLoad).catch(() => undefined);
  };

  const restart = (why: string): void => {
    const old = current;
    old.client.close(why);
    old.port.terminate();
    boot();
    options.onRestart?.(why);
  };

  boot();

  const withDeadline = (mine: EngineClient, request: EngineRequest, ms: number): Promise<EngineReply> =>
    new Promise<EngineReply>((resolve, reject) => {
      const timer = setTimeout(() => reject(new EngineTimeout(request, ms)), ms);
      mine.request(request).then(
        (reply) => {
          clearTimeout(timer);
          resolve(reply);
        },
        (e: unknown) => {
          clearTimeout(timer);
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });

  const load = async (request: LoadRequest): Promise<EngineReply> => {
    const mine = current;
    try {
      const reply = await withDeadline(mine.client, request, loadTimeoutMs);
      lastLoad = request;
      return reply;
    } catch (e) {
      if (!(e instanceof EngineTimeout)) return { kind: 'error', message: errorText(e) };
      if (current === mine) restart('the engine took too long to load the scenario');
      const seconds = Math.round(loadTimeoutMs / 100) / 10;
      return {
        kind: 'error',
        message: `Loading this scenario took longer than ${seconds} s, so it was stopped${
          lastLoad ? '; the previous scenario is still loaded' : ''
        }.`,
      };
    }
  };

  const attempt = async (request: EngineRequest, retries: number): Promise<EngineReply> => {
    const mine = current;
    try {
      return await withDeadline(mine.client, request, timeoutMs);
    } catch (e) {
      if (retries <= 0) return { kind: 'error', message: errorText(e) };
      // A crash has already restarted (and replayed into) a new worker; a hang is restarted here.
      if (e instanceof EngineTimeout && current === mine) restart('the engine stopped answering');
      return attempt(request, retries - 1);
    }
  };

  return {
    request: (request) => (request.kind === 'load' ? load(request) : attempt(request, 1)),
    dispose() {
      current.client.close();
      current.port.terminate();
    },
  };
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
