// The app's side of the one door to the engine: numbered requests out, replies matched back by id.
// A reply in another protocol version is turned into an error reply rather than trusted; a request that
// gets no answer in time rejects with EngineTimeout so the owner can restart a hung worker.
import {
  PROTOCOL_VERSION,
  type EngineReply,
  type EngineRequest,
  type ReplyEnvelope,
  type RequestEnvelope,
} from '../../engine/protocol';
import type { MessageEndpoint } from './endpoint';

export class EngineTimeout extends Error {
  constructor(
    readonly request: EngineRequest,
    ms: number,
  ) {
    super(`the engine did not answer "${request.kind}" within ${ms} ms`);
  }
}

export class EngineClosed extends Error {}

interface Pending {
  readonly request: EngineRequest;
  readonly resolve: (reply: EngineReply) => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export interface EngineClient {
  request(request: EngineRequest): Promise<EngineReply>;
  /** Rejects every pending request and stops listening. */
  close(reason?: string): void;
}

function isReplyEnvelope(data: unknown): data is ReplyEnvelope {
  return typeof data === 'object' && data !== null && 'id' in data && 'v' in data && 'reply' in data;
}

export function createEngineClient(
  endpoint: MessageEndpoint,
  options: { timeoutMs?: number } = {},
): EngineClient {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let closed = false;

  const onMessage = (event: MessageEvent): void => {
    const data: unknown = event.data;
    if (!isReplyEnvelope(data)) return;
    const waiting = pending.get(data.id);
    if (!waiting) return;
    pending.delete(data.id);
    clearTimeout(waiting.timer);
    if (data.v !== PROTOCOL_VERSION) {
      waiting.resolve({
        kind: 'error',
        message: `engine speaks protocol v${String(data.v)}, the app speaks v${PROTOCOL_VERSION}`,
      });
      return;
    }
    waiting.resolve(data.reply);
  };
  endpoint.addEventListener('message', onMessage);
  endpoint.start?.();

  return {
    request(request) {
      if (closed) return Promise.reject(new EngineClosed('the engine client is closed'));
      const id = nextId++;
      return new Promise<EngineReply>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new EngineTimeout(request, timeoutMs));
        }, timeoutMs);
        pending.set(id, { request, resolve, reject, timer });
        const envelope: RequestEnvelope = { v: PROTOCOL_VERSION, id, request };
        endpoint.postMessage(envelope);
      });
    },
    close(reason = 'the engine client is closed') {
      closed = true;
      endpoint.removeEventListener('message', onMessage);
      for (const p of pending.values()) {
        clearTimeout(p.timer);
        p.reject(new EngineClosed(reason));
      }
      pending.clear();
    },
  };
}
