// The real engine on the default scenario, for app unit tests that want true traces rather than mocks.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequestHandler } from '../../engine/request-handler';
import type { ScenarioSummary } from '../../engine/protocol';
import type { TraceJson } from '../../engine/trace/json';

export const DEFAULT_YAML = readFileSync(
  fileURLToPath(new URL('../../scenarios/default.yaml', import.meta.url)),
  'utf8',
);

export function defaultEngine(): {
  summary: ScenarioSummary;
  trace: TraceJson;
  service: ReturnType<typeof createRequestHandler>;
} {
  const service = createRequestHandler();
  const loaded = service.handle({ kind: 'load', text: DEFAULT_YAML });
  if (loaded.kind !== 'loaded' || !loaded.summary)
    throw new Error(`default scenario did not load: ${JSON.stringify(loaded)}`);
  const traced = service.handle({
    kind: 'trace',
    params: { from: 'pod/default/client', to: 'svc/default/web:http', seed: 1 },
  });
  if (traced.kind !== 'trace') throw new Error(`default trace failed: ${JSON.stringify(traced)}`);
  return { summary: loaded.summary, trace: traced.trace, service };
}
