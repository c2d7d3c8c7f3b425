// A worker that crashes or hangs is replaced, not mourned: the engine is stateless apart from the loaded
// scenario, so a fresh worker is brought back by replaying the last `load`, then the request that failed
// is tried once more. The caller hears about the restart through `onRestart` (to show a notice).
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

export function createRestartingEngine(
  spawn: () => SpawnedEngine,
  options: { timeoutMs?: number; onRestart?: (why: string) => void } = {},
): Engine {
  let lastLoad: EngineRequest | null = null;
  let current: { port: SpawnedEngine; client: EngineClient };

  const boot = (): void => {
    const port = spawn();
    const client = createEngineClient(
      port,
      options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs },
    );
    current = { port, client };
    port.onCrash?.(() => {
      if (current.port === port) restart('the engine crashed');
    });
  };

  const restart = (why: string): void => {
    const old = current;
    old.client.close(why);
    old.port.terminate();
    boot();
    options.onRestart?.(why);
  };

  boot();

  const attempt = async (request: EngineRequest, retries: number): Promise<EngineReply> => {
    const mine = current;
    try {
      const reply = await mine.client.request(request);
      if (request.kind === 'load') lastLoad = request;
      return reply;
    } catch (e) {
      if (retries <= 0) return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
      if (e instanceof EngineTimeout && current === mine) restart('the engine stopped answering');
      if (lastLoad && request.kind !== 'load') await current.client.request(lastLoad).catch(() => undefined);
      return attempt(request, retries - 1);
    }
  };

  return {
    request: (request) => attempt(request, 1),
    dispose() {
      current.client.close();
      current.port.terminate();
    },
  };
}
