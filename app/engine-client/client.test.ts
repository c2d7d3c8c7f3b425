import { afterEach, describe, expect, it } from 'vitest';
import type { EngineReply, EngineRequest } from '../../engine/protocol';
import { answerEnvelope, serveEngine, type EngineHandler } from '../../engine/worker';
import { createEngineClient, EngineTimeout } from './client';
import type { MessageEndpoint } from './endpoint';
import { createRestartingEngine, type SpawnedEngine } from './restarting-engine';

const echo: EngineHandler = {
  handle(request: EngineRequest): EngineReply {
    if (request.kind === 'inspect-node') throw new Error(`no node ${request.node}`);
    return { kind: 'error', message: `echo ${request.kind}` };
  },
};

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

function pair(service: EngineHandler): { app: MessageEndpoint & { close(): void }; channel: MessageChannel } {
  const channel = new MessageChannel();
  channels.push(channel);
  serveEngine(channel.port1 as unknown as Parameters<typeof serveEngine>[0], service);
  return { app: channel.port2 as unknown as MessageEndpoint & { close(): void }, channel };
}

describe('engine client over a MessageChannel', () => {
  it('matches replies to requests by id', async () => {
    const client = createEngineClient(pair(echo).app);
    const [a, b] = await Promise.all([
      client.request({ kind: 'load', text: '' }),
      client.request({ kind: 'connections', params: { from: 'a', to: 'b' }, count: 3 }),
    ]);
    expect(a).toEqual({ kind: 'error', message: 'echo load' });
    expect(b).toEqual({ kind: 'error', message: 'echo connections' });
    client.close();
  });

  it('turns a throw inside the service into an error reply', async () => {
    const client = createEngineClient(pair(echo).app);
    expect(await client.request({ kind: 'inspect-node', node: 'x' })).toEqual({
      kind: 'error',
      message: 'no node x',
    });
    client.close();
  });

  it('times out when nobody answers', async () => {
    const channel = new MessageChannel();
    channels.push(channel);
    const client = createEngineClient(channel.port2 as unknown as MessageEndpoint, { timeoutMs: 20 });
    await expect(client.request({ kind: 'load', text: '' })).rejects.toBeInstanceOf(EngineTimeout);
    client.close();
  });
});

describe('worker envelope handling', () => {
  it('answers a wrong protocol version with an error, and ignores non-envelopes', () => {
    expect(answerEnvelope(echo, { v: 99, id: 4, request: { kind: 'load', text: '' } })).toMatchObject({
      id: 4,
      reply: { kind: 'error' },
    });
    expect(answerEnvelope(echo, 'hello')).toBeNull();
  });
});

describe('restarting engine', () => {
  it('replaces a hung worker, replays the last load and retries the request', async () => {
    const seen: string[] = [];
    let spawned = 0;
    const spawn = (): SpawnedEngine => {
      spawned++;
      const n = spawned;
      const hang = n === 1;
      const channel = new MessageChannel();
      channels.push(channel);
      // The first worker swallows its answer to `trace`: a hang, as far as the app can tell.
      const worker = channel.port1;
      const port1 = {
        addEventListener: worker.addEventListener.bind(worker),
        start: worker.start.bind(worker),
        postMessage: (m: unknown) => {
          if (!(hang && (m as { reply: { message: string } }).reply.message === 'ok trace'))
            worker.postMessage(m);
        },
      };
      serveEngine(port1 as unknown as Parameters<typeof serveEngine>[0], {
        handle(request) {
          seen.push(`${n}:${request.kind}`);
          return { kind: 'error', message: `ok ${request.kind}` };
        },
      });
      const port = channel.port2 as unknown as MessageEndpoint;
      return Object.assign(port, { terminate: () => channel.port1.close() });
    };
    const restarts: string[] = [];
    const engine = createRestartingEngine(spawn, { timeoutMs: 50, onRestart: (why) => restarts.push(why) });
    await engine.request({ kind: 'load', text: 'x' });
    const reply = await engine.request({ kind: 'trace', params: { from: 'a', to: 'b' } });
    expect(reply).toEqual({ kind: 'error', message: 'ok trace' });
    expect(restarts).toEqual(['the engine stopped answering']);
    expect(seen).toEqual(['1:load', '1:trace', '2:load', '2:trace']);
    engine.dispose();
  });

  /** A fake worker that, like the real engine, only traces after a load, and can crash on demand. */
  function statefulSpawner(options: { slowLoad?: string } = {}) {
    const seen: string[] = [];
    const crashes: (() => void)[] = [];
    let spawned = 0;
    const spawn = (): SpawnedEngine => {
      const n = ++spawned;
      const channel = new MessageChannel();
      channels.push(channel);
      let loaded: string | null = null;
      let slow = false;
      const worker = channel.port1;
      // A slow load answers late (the real worker would be busy until then; here the test shares a thread).
      const port1 = {
        addEventListener: worker.addEventListener.bind(worker),
        start: worker.start.bind(worker),
        postMessage: (m: unknown) => {
          if (!slow) return worker.postMessage(m);
          slow = false;
          setTimeout(() => worker.postMessage(m), 300);
        },
      };
      serveEngine(port1 as unknown as Parameters<typeof serveEngine>[0], {
        handle(request) {
          seen.push(`${n}:${request.kind}`);
          if (request.kind === 'load') {
            slow = request.text === options.slowLoad;
            loaded = request.text;
            return { kind: 'loaded', summary: null, diagnostics: [] };
          }
          if (loaded === null) throw new Error('no scenario loaded');
          return { kind: 'error', message: `traced in ${loaded}` };
        },
      });
      const port = channel.port2 as unknown as MessageEndpoint;
      return Object.assign(port, {
        terminate: () => channel.port1.close(),
        onCrash: (listener: () => void) => crashes.push(listener),
      });
    };
    return { spawn, seen, crash: (n: number) => crashes[n - 1]!() };
  }

  it('replays the last load into the new worker after an idle crash', async () => {
    const { spawn, seen, crash } = statefulSpawner();
    const restarts: string[] = [];
    const engine = createRestartingEngine(spawn, { timeoutMs: 500, onRestart: (why) => restarts.push(why) });
    await engine.request({ kind: 'load', text: 'cluster-a' });
    crash(1); // nothing pending: the worker died between requests
    expect(restarts).toEqual(['the engine crashed']);
    const reply = await engine.request({ kind: 'trace', params: { from: 'a', to: 'b' } });
    expect(reply).toEqual({ kind: 'error', message: 'traced in cluster-a' });
    expect(seen).toEqual(['1:load', '2:load', '2:trace']);
    engine.dispose();
  });

  it('stops a load that runs past its deadline and keeps the previous scenario', async () => {
    const { spawn, seen } = statefulSpawner({ slowLoad: 'huge' });
    const restarts: string[] = [];
    const engine = createRestartingEngine(spawn, {
      timeoutMs: 500,
      loadTimeoutMs: (r) => (r.origin === 'opened-file' ? 50 : 500),
      onRestart: (why) => restarts.push(why),
    });
    await engine.request({ kind: 'load', text: 'small' });
    const reply = await engine.request({ kind: 'load', text: 'huge', origin: 'opened-file' });
    expect(reply).toEqual({ kind: 'stopped', reason: 'time-limit', limitMs: 50, previousKept: true });
    const trace = await engine.request({ kind: 'trace', params: { from: 'a', to: 'b' } });
    expect(trace).toEqual({ kind: 'error', message: 'traced in small' });
    // The slow load was not retried; the new worker got the previous scenario first.
    expect(seen.filter((s) => s.endsWith('load'))).toEqual(['1:load', '1:load', '2:load']);
    // Stopping a load is the user's news, not an engine failure: no restart notice.
    expect(restarts).toEqual([]);
    engine.dispose();
  });

  it('cancels the load in flight on request, and the previous scenario answers', async () => {
    const { spawn, seen } = statefulSpawner({ slowLoad: 'huge' });
    const engine = createRestartingEngine(spawn, { timeoutMs: 5_000 });
    expect(engine.cancelLoad()).toBe(false);
    await engine.request({ kind: 'load', text: 'small' });
    const pending = engine.request({ kind: 'load', text: 'huge' });
    await new Promise((r) => setTimeout(r, 20));
    expect(engine.cancelLoad()).toBe(true);
    expect(await pending).toMatchObject({ kind: 'stopped', reason: 'cancelled', previousKept: true });
    expect(await engine.request({ kind: 'trace', params: { from: 'a', to: 'b' } })).toEqual({
      kind: 'error',
      message: 'traced in small',
    });
    expect(seen.filter((s) => s.endsWith('load'))).toEqual(['1:load', '1:load', '2:load']);
    engine.dispose();
  });

  it('lets a request wait for a slow replay instead of counting it as a hang', async () => {
    // The replayed scenario takes 300 ms to load, longer than a trace may take (100 ms).
    const { spawn, seen, crash } = statefulSpawner({ slowLoad: 'big' });
    const restarts: string[] = [];
    const engine = createRestartingEngine(spawn, {
      timeoutMs: 100,
      loadTimeoutMs: 2_000,
      onRestart: (why) => restarts.push(why),
    });
    await engine.request({ kind: 'load', text: 'big' });
    crash(1);
    const trace = await engine.request({ kind: 'trace', params: { from: 'a', to: 'b' } });
    expect(trace).toEqual({ kind: 'error', message: 'traced in big' });
    expect(restarts).toEqual(['the engine crashed']);
    expect(seen).toEqual(['1:load', '2:load', '2:trace']);
    engine.dispose();
  });
});
