// The `outcome` template against four real endings from the built-in scenarios: a Service whose only pod is
// not ready (kube-proxy's filter REJECT), the same pod reached by its own address (delivered: readiness is
// not the network's business), an ETP=Local NodePort on a node without a local endpoint (kube-proxy's
// DROP), a pod port nothing listens on (the pod's kernel refuses), and nftables mode's reject chain.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRequestHandler as createEngineService } from '../../engine/request-handler';
import { playedHops } from '../dns/played-hops';
import { computeAnswer } from './templates';

const root = fileURLToPath(new URL('../../', import.meta.url));

function outcome(scenario: string, from: string, to: string) {
  const service = createEngineService();
  const loaded = service.handle({
    kind: 'load',
    text: readFileSync(`${root}scenarios/${scenario}.yaml`, 'utf8'),
  });
  if (loaded.kind !== 'loaded' || !loaded.summary) throw new Error(`${scenario} did not load`);
  const reply = service.handle({ kind: 'trace', params: { from, to, protocol: 'TCP', seed: 1 } });
  if (reply.kind !== 'trace') throw new Error(JSON.stringify(reply));
  const hops = playedHops(reply.trace);
  const answer = computeAnswer(
    { trace: reply.trace, hops, summary: loaded.summary },
    { prompt: 'What happens?', template: 'outcome', choices: 'auto' },
  );
  return { answer, hops };
}

describe('the outcome template', () => {
  it("names kube-proxy's filter REJECT when a Service's only pod is not ready, and plays on to the client", () => {
    const { answer, hops } = outcome('not-ready', 'pod/default/client', 'svc/default/api:http');
    expect(answer?.value).toBe('rejected on node-1 by filter KUBE-SERVICES');
    expect(answer?.evidence).toContain('"default/api:http has no endpoints"');
    expect(answer?.evidence).toContain('connection refused');
    // The reveal ends where the ICMP error reaches the client's socket.
    const end = hops[answer!.hop!]!;
    expect([end.kind, end.direction, end.netns]).toEqual(['deliver', 'reply', 'pod/default/client']);
  });

  it('says delivered when the not-ready pod is reached by its own address', () => {
    expect(outcome('not-ready', 'pod/default/client', 'pod/default/api:8080').answer?.value).toBe(
      'delivered to default/api',
    );
  });

  it("names kube-proxy's DROP for ETP=Local on a node without a local endpoint", () => {
    const { answer } = outcome('nodeport-policies', 'external/203.0.113.10', '192.168.56.11:30090');
    expect(answer?.value).toBe('dropped on node-1 by filter KUBE-EXTERNAL-SERVICES');
  });

  it('names the pod when nothing listens on the port and its kernel refuses', () => {
    const { answer } = outcome(
      'conformance/02-pod-to-pod-across-nodes',
      'pod/default/client',
      'pod/default/server:9999',
    );
    expect(answer?.value).toBe('rejected in pod/default/server');
  });

  it("names nftables mode's reject chain for a Service without endpoints", () => {
    const { answer } = outcome('nftables-mode', 'pod/default/client', 'svc/default/empty:80');
    expect(answer?.value).toMatch(/^rejected on node-1 by .*reject-chain$/);
  });
});
