// The engine's Web Worker: envelopes in, envelopes out. `serveEngine` is the whole of it and takes any
// MessagePort-like endpoint, so Node tests drive it over a MessageChannel; the worker glue at the bottom
// only runs inside a real worker (where importScripts exists, even in module workers).
import { PROTOCOL_VERSION, type EngineReply, type EngineRequest, type ReplyEnvelope } from './protocol';
import { createRequestHandler } from './request-handler';

export interface EngineHandler {
  handle(request: EngineRequest): EngineReply;
}

interface Port {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  start?(): void;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** One request envelope to one reply envelope; never throws, so a bad message cannot kill the worker. */
export function answerEnvelope(handler: EngineHandler, data: unknown): ReplyEnvelope | null {
  if (typeof data !== 'object' || data === null || !('id' in data) || typeof data.id !== 'number')
    return null;
  const id = data.id;
  const v = 'v' in data ? data.v : undefined;
  if (v !== PROTOCOL_VERSION) {
    return {
      v: PROTOCOL_VERSION,
      id,
      reply: { kind: 'error', message: `the engine speaks protocol v${PROTOCOL_VERSION}, got v${String(v)}` },
    };
  }
  if (!('request' in data) || typeof data.request !== 'object' || data.request === null) {
    return { v: PROTOCOL_VERSION, id, reply: { kind: 'error', message: 'the envelope has no request' } };
  }
  try {
    return { v: PROTOCOL_VERSION, id, reply: handler.handle(data.request as EngineRequest) };
  } catch (e) {
    return { v: PROTOCOL_VERSION, id, reply: { kind: 'error', message: errorText(e) } };
  }
}

export function serveEngine(port: Port, handler: EngineHandler): void {
  port.addEventListener('message', (event) => {
    const reply = answerEnvelope(handler, event.data);
    if (reply) port.postMessage(reply);
  });
  port.start?.();
}

if (typeof importScripts === 'function') {
  serveEngine(self as unknown as Port, createRequestHandler());
}
