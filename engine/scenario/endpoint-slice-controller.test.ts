import { describe, expect, it } from 'vitest';
import type { Scenario } from '../model/scenario';
import { deriveEndpointSlices } from './endpoint-slice-controller';
import { errorsOf, scenarioOf as parse, warningsOf, withoutCoreDns } from './test-helpers';

/** These specs look at the slices of their own Services only. */
const scenarioOf = (text: string): Scenario => parse(withoutCoreDns(text));

const pod = (name: string, extra = '', ports = '[{name: http, containerPort: 8080}]'): string =>
  `---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  labels: {app: web}\n${extra}spec:\n  containers: [{name: c, ports: ${ports}}]\n`;
const service = (spec = ''): string =>
  `---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: http}]\n${spec}`;

/** Every pod gets 10.244.0.(2+i), as host-local would hand out in order. */
function ipsOf(s: Scenario, skip: readonly string[] = []): Map<string, number> {
  return new Map(
    s.pods.filter((p) => !skip.includes(p.name)).map((p, i) => [`${p.namespace}/${p.name}`, 0x0af40002 + i]),
  );
}

describe('the EndpointSlice controller', () => {
  it('lists ready pods with their resolved named targetPort, node and targetRef', () => {
    const s = scenarioOf(pod('a') + pod('b') + service());
    const [slice, ...rest] = deriveEndpointSlices(s, ipsOf(s));
    expect(rest).toEqual([]);
    expect(slice).toMatchObject({
      namespace: 'default',
      serviceName: 'web',
      addressType: 'IPv4',
      explicit: false,
      ports: [{ name: null, port: 8080, protocol: 'TCP' }],
    });
    expect(slice!.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(slice!.endpoints).toMatchObject([
      {
        addresses: [0x0af40002],
        conditions: { ready: true, serving: true, terminating: false },
        nodeName: 'node-1',
        targetPod: 'default/a',
      },
      { addresses: [0x0af40003], nodeName: 'node-2', targetPod: 'default/b' },
    ]);
  });

  it('names slices the same way every time', () => {
    const s = scenarioOf(pod('a') + service());
    expect(deriveEndpointSlices(s, ipsOf(s))[0]!.name).toBe(deriveEndpointSlices(s, ipsOf(s))[0]!.name);
  });

  it('leaves out pods without an IP', () => {
    const s = scenarioOf(pod('a') + pod('b') + service());
    expect(deriveEndpointSlices(s, ipsOf(s, ['a']))[0]!.endpoints.map((e) => e.targetPod)).toEqual([
      'default/b',
    ]);
  });

  it('keeps unready pods as not ready, and terminating pods as not ready but still serving', () => {
    const s = scenarioOf(
      pod('unready', '', undefined).replace(
        'spec:',
        'status: {conditions: [{type: Ready, status: "False"}]}\nspec:',
      ) +
        pod('leaving', '  deletionTimestamp: "2024-01-01T00:00:00Z"\n') +
        service(),
    );
    expect(deriveEndpointSlices(s, ipsOf(s))[0]!.endpoints.map((e) => e.conditions)).toEqual([
      { ready: false, serving: false, terminating: false },
      { ready: false, serving: true, terminating: true },
    ]);
  });

  it('marks every endpoint ready when the Service publishes not-ready addresses', () => {
    const s = scenarioOf(
      pod('a').replace('spec:', 'status: {conditions: [{type: Ready, status: "False"}]}\nspec:') +
        service('  publishNotReadyAddresses: true\n'),
    );
    expect(deriveEndpointSlices(s, ipsOf(s))[0]!.endpoints[0]!.conditions).toEqual({
      ready: true,
      serving: false,
      terminating: false,
    });
  });

  it('makes one slice per distinct resolved port set', () => {
    const s = scenarioOf(
      pod('a') + pod('b', '', '[{name: http, containerPort: 9090}]') + pod('c', '', '[]') + service(),
    );
    const slices = deriveEndpointSlices(s, ipsOf(s));
    expect(slices.map((x) => [x.ports.map((p) => p.port), x.endpoints.map((e) => e.targetPod)])).toEqual([
      [[8080], ['default/a']],
      [[9090], ['default/b']],
      [[], ['default/c']],
    ]);
    expect(new Set(slices.map((x) => x.name)).size).toBe(3);
  });

  it('splits at 100 endpoints per slice', () => {
    const s = scenarioOf(
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 150\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, ports: [{name: http, containerPort: 80}]}]}\n${service()}`,
    );
    expect(deriveEndpointSlices(s, ipsOf(s)).map((x) => x.endpoints.length)).toEqual([100, 50]);
  });

  it('gives a Service that selects nothing one empty placeholder slice', () => {
    const s = scenarioOf(service());
    expect(deriveEndpointSlices(s, new Map())).toMatchObject([{ endpoints: [], ports: [] }]);
  });

  it('sets hostname only for pods whose subdomain is this Service', () => {
    const s = scenarioOf(
      pod('a').replace('  containers', '  hostname: a0\n  subdomain: web\n  containers') +
        pod('b').replace('  containers', '  hostname: b0\n  containers') +
        service(),
    );
    expect(deriveEndpointSlices(s, ipsOf(s))[0]!.endpoints.map((e) => e.hostname)).toEqual(['a0', null]);
  });

  it('derives nothing for Services without a selector, and keeps hand-written slices apart', () => {
    const s = scenarioOf(
      `apiVersion: v1\nkind: Service\nmetadata: {name: ext}\nspec: {ports: [{port: 80}]}\n---\napiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: ext-1\n  labels: {kubernetes.io/service-name: ext}\naddressType: IPv4\nendpoints:\n- addresses: [192.0.2.10]\n  conditions: {ready: true}\nports: [{port: 8080}]\n`,
    );
    expect(deriveEndpointSlices(s, new Map())).toEqual([]);
    // The file's slice, then the one kube-apiserver writes for default/kubernetes.
    expect(s.endpointSlices.map((e) => e.name)).toEqual(['ext-1', 'kubernetes']);
    expect(s.endpointSlices.slice(0, 1)).toMatchObject([
      {
        name: 'ext-1',
        serviceName: 'ext',
        explicit: true,
        endpoints: [
          { addresses: [0xc000020a], conditions: { ready: true, serving: null, terminating: null } },
        ],
        ports: [{ name: null, port: 8080, protocol: 'TCP' }],
      },
    ]);
  });
});

describe('hand-written EndpointSlices', () => {
  it('require the kubernetes.io/service-name label', () => {
    expect(
      errorsOf(
        'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: s}\naddressType: IPv4\n',
      )[0],
    ).toMatchObject({ field: 'metadata.labels', line: 3, column: 11 });
  });

  it('warn when their Service is not in the scenario', () => {
    expect(
      warningsOf(
        'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: s\n  labels: {kubernetes.io/service-name: ghost}\n',
      )[0],
    ).toMatchObject({ field: 'metadata.labels.kubernetes.io/service-name', line: 5 });
  });
});
