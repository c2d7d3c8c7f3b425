// The real transport: the engine in a module Web Worker (Vite bundles engine/worker.ts on its own).
import type { SpawnedEngine } from './restarting-engine';

export function spawnEngineWorker(): SpawnedEngine {
  const worker = new Worker(new URL('../../engine/worker.ts', import.meta.url), {
    type: 'module',
    name: 'podpath-engine',
  });
  return {
    postMessage: (message) => worker.postMessage(message),
    addEventListener: (type, listener) => worker.addEventListener(type, listener),
    removeEventListener: (type, listener) => worker.removeEventListener(type, listener),
    terminate: () => worker.terminate(),
    onCrash: (listener) => worker.addEventListener('error', listener),
  };
}
