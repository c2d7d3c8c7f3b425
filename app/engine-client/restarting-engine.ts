// A worker that crashes or hangs is replaced, not mourned: the engine is stateless apart from the loaded
// scenario, so a fresh worker is brought back by replaying the last `load` as its first message (a port
// delivers in order, so nothing can reach the new worker before its scenario), then the request that
// failed is tried once more. The caller hears about the restart through `onRestart` (to show a notice).
// A `load` that runs past its time limit, or that the user cancels, is not retried: the worker is
// replaced, the previous scenario is replayed into the new one, and the load answers `stopped`. Requests
// made while a replay runs wait for it before their own deadline starts, so a big scenario's replay is
// not mistaken for a hang.
import type { EngineReply, EngineRequest } from '../../engine/protocol';
import { createEngineClient, EngineTimeout, type EngineClient } from './client';
import type { MessageEndpoint } from './endpoint';

export interface SpawnedEngine extends MessageEndpoint {
  terminate(): void;
  /** Worker 'error' events: an uncaught failure inside the worker. */
  onCrash?(listener: () => void): void;
}

/** The app-side answer to a `load` the engine never finished: the worker never sends it. */
export interface LoadStopped {
  readonly kind: 'stopped';
  readonly reason: 'time-limit' | 'cancelled';
  /** The limit the load ran into, in ms (for 'time-limit'). */
  readonly limitMs: number;
  /** Whether an earlier scenario was replayed into the new worker (false: the engine holds none). */
  readonly previousKept: boolean;
}

export type EngineAnswer = EngineReply | LoadStopped;

export interface Engine {
  request(request: EngineRequest): Promise<EngineAnswer>;
  /** Stops the `load` in flight, if any (it answers `stopped`, reason 'cancelled'); false when none was. */
  cancelLoad(): boolean;
  dispose(): void;
}

export type LoadRequest = Extract<EngineRequest, { kind: 'load' }>;

export interface RestartingEngineOptions {
  /** How long any request may go unanswered before the worker counts as hung. */
  readonly timeoutMs?: number;
  /** How long a `load` may run before it is stopped (a huge or amplifying scenario); may depend on the load. */
  readonly loadTimeoutMs?: number | ((request: LoadRequest) => number);
  readonly onRestart?: (why: string) => void;
}

/** Longer than any deadline set here: the client's own timer only backs up `withDeadline`. */
const CLIENT_TIMEOUT_MS = 2 ** 31 - 1;

export function createRestartingEngine(
  spawn: () => SpawnedEngine,
  options: RestartingEngineOptions = {},
): Engine {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const limit = options.loadTimeoutMs ?? timeoutMs;
  const loadLimit = (request: LoadRequest): number => (typeof limit === 'number' ? limit : limit(request));
  /** The last load the engine answered: what a replacement worker must hold. */
  let lastLoad: LoadRequest | null = null;
  let current: { port: SpawnedEngine; client: EngineClient; replayed: Promise<void> };
  let stopLoad: ((reason: 'cancelled') => void) | null = null;

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

  const boot = (): void => {
    const port = spawn();
    const client = createEngineClient(port, { timeoutMs: CLIENT_TIMEOUT_MS });
    // Posted before anything else can be, so the new worker holds the scenario before any trace arrives.
    const replay = lastLoad;
    const replayed = replay
      ? withDeadline(client, replay, loadLimit(replay)).then(
          () => undefined,
          (e: unknown) => {
            // The scenario that loaded before no longer loads in time (a slower moment): start empty
            // rather than replay it for ever.
            if (e instanceof EngineTimeout && current.port === port) {
              lastLoad = null;
              restart('the engine could not reload your scenario in time');
            }
          },
        )
      : Promise.resolve();
    current = { port, client, replayed };
    port.onCrash?.(() => {
      if (current.port === port) restart('the engine crashed');
    });
  };

  const restart = (why: string | null): void => {
    const old = current;
    old.client.close(why ?? 'the load was stopped');
    old.port.terminate();
    boot();
    if (why) options.onRestart?.(why);
  };

  boot();

  const load = async (request: LoadRequest): Promise<EngineAnswer> => {
    const ms = loadLimit(request);
    const cancelled = new Promise<'cancelled'>((resolve) => {
      stopLoad = resolve;
    });
    const stopped = (reason: LoadStopped['reason']): LoadStopped => ({
      kind: 'stopped',
      reason,
      limitMs: ms,
      previousKept: lastLoad !== null,
    });
    try {
      // Cancelled while a replay still runs: the load was never sent, the worker keeps what it replays.
      if ((await Promise.race([current.replayed, cancelled])) === 'cancelled') return stopped('cancelled');
      const mine = current;
      const outcome = await Promise.race([withDeadline(mine.client, request, ms), cancelled]).catch(
        (e: unknown) => (e instanceof EngineTimeout ? ('time-limit' as const) : Promise.reject(e)),
      );
      if (outcome !== 'cancelled' && outcome !== 'time-limit') {
        lastLoad = request;
        return outcome;
      }
      // The worker is busy with the load it was told to do: only a new one (given the last scenario) is free.
      if (current === mine) restart(null);
      return stopped(outcome);
    } catch (e) {
      return { kind: 'error', message: errorText(e) };
    } finally {
      stopLoad = null;
    }
  };

  const attempt = async (request: EngineRequest, retries: number): Promise<EngineAnswer> => {
    await current.replayed;
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
    cancelLoad() {
      if (!stopLoad) return false;
      stopLoad('cancelled');
      return true;
    },
    dispose() {
      current.client.close();
      current.port.terminate();
    },
  };
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
