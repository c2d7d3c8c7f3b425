import { describe, expect, it } from 'vitest';
import { formatIpv4 } from '../net/ipv4';
import { nodePortStaticBand, serviceIPStaticBand } from './service-allocation';
import { errorsOf, renderedErrors, scenarioOf, warningsOf, withoutCoreDns } from './test-helpers';
import { cidr } from '../net/ipv4';

const svc = (name: string, spec: string): string =>
  `---\napiVersion: v1\nkind: Service\nmetadata: {name: ${name}}\nspec:\n${spec}\n`;

describe('cluster IPs', () => {
  it('computes kube’s static band: min(max(16, size/16), 256)', () => {
    expect(serviceIPStaticBand(cidr('10.96.0.0/12'))).toBe(256);
    expect(serviceIPStaticBand(cidr('10.96.0.0/24'))).toBe(16);
    expect(serviceIPStaticBand(cidr('10.96.0.0/28'))).toBe(0);
  });

  it('hands out addresses in order from just above the static band, around given ones', () => {
    const s = scenarioOf(
      svc('a', '  ports: [{port: 80}]') +
        svc('dns', '  clusterIP: 10.96.0.20\n  ports: [{port: 53}]') +
        svc('b', '  clusterIP: 10.96.1.2\n  ports: [{port: 80}]') +
        svc('c', '  ports: [{port: 80}]') +
        svc('h', '  clusterIP: None'),
    );
    expect(s.services.map((x) => (x.clusterIP === null ? null : formatIpv4(x.clusterIP)))).toEqual([
      '10.96.1.1',
      '10.96.0.20',
      '10.96.1.2',
      '10.96.1.3',
      null,
      '10.96.0.1', // default/kubernetes, kube-apiserver's own
      '10.96.0.10', // kube-system/kube-dns, kubeadm's CoreDNS addon
    ]);
  });

  it('refuses a clusterIP outside the serviceSubnet, with the API server’s message', () => {
    expect(renderedErrors(svc('a', '  clusterIP: 10.0.0.1\n  ports: [{port: 80}]'))).toEqual([
      'test.yaml:6:14: error: Invalid value: "10.0.0.1": failed to allocate IP 10.0.0.1: the provided IP (10.0.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12 (document 1, field spec.clusterIP)',
    ]);
  });

  it('refuses two Services with one clusterIP', () => {
    const one = '  clusterIP: 10.96.0.20\n  ports: [{port: 80}]';
    expect(errorsOf(svc('a', one) + svc('b', one))).toMatchObject([
      {
        document: 1,
        line: 13,
        column: 14,
        field: 'spec.clusterIP',
        message:
          'Invalid value: "10.96.0.20": failed to allocate IP 10.96.0.20: provided IP is already allocated',
      },
    ]);
  });

  it('keeps 10.96.0.10 for kube-dns, which kubeadm creates before anything in the file', () => {
    expect(renderedErrors(svc('a', '  clusterIP: 10.96.0.10\n  ports: [{port: 80}]'))).toEqual([
      'test.yaml:6:14: error: Invalid value: "10.96.0.10": failed to allocate IP 10.96.0.10: provided IP is already allocated (document 1, field spec.clusterIP)',
    ]);
    expect(
      scenarioOf(withoutCoreDns(svc('a', '  clusterIP: 10.96.0.10\n  ports: [{port: 80}]'))).services.map(
        (x) => x.name,
      ),
    ).toEqual(['a', 'kubernetes']);
  });

  it('allows None only for ClusterIP Services', () => {
    expect(errorsOf(svc('a', '  type: NodePort\n  clusterIP: None\n  ports: [{port: 80}]'))[0]).toMatchObject(
      { field: 'spec.clusterIP' },
    );
  });
});

describe('node ports', () => {
  it('computes kube’s static band: min(max(16, size/32), 128), 86 for 30000-32767', () => {
    expect(nodePortStaticBand(2768)).toBe(86);
  });

  it('hands out node ports from 30086 upward, and a health-check port for LoadBalancer + Local', () => {
    const s = scenarioOf(
      svc('a', '  type: NodePort\n  ports: [{name: p, port: 80}, {name: q, port: 81, nodePort: 30087}]') +
        svc('b', '  type: LoadBalancer\n  externalTrafficPolicy: Local\n  ports: [{port: 80}]'),
    );
    expect(s.services[0]!.ports.map((p) => p.nodePort)).toEqual([30086, 30087]);
    expect(s.services[1]!.ports[0]!.nodePort).toBe(30088);
    expect(s.services[1]!.healthCheckNodePort).toBe(30089);
    expect(s.services[0]!.healthCheckNodePort).toBe(0);
  });

  it('refuses node ports outside the range, taken twice, or on a ClusterIP Service', () => {
    expect(errorsOf(svc('a', '  type: NodePort\n  ports: [{port: 80, nodePort: 8080}]'))[0]!.message).toBe(
      'Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
    const np = '  type: NodePort\n  ports: [{port: 80, nodePort: 30500}]';
    expect(errorsOf(svc('a', np) + svc('b', np))[0]).toMatchObject({
      document: 1,
      field: 'spec.ports[0].nodePort',
      message: 'Invalid value: 30500: provided port is already allocated',
    });
    expect(errorsOf(svc('a', '  ports: [{port: 80, nodePort: 30500}]'))[0]!.message).toBe(
      "Forbidden: may not be used when `type` is 'ClusterIP'",
    );
  });

  it('lets one Service use a node port for TCP and UDP', () => {
    expect(
      scenarioOf(
        withoutCoreDns(
          svc(
            'dns',
            '  type: NodePort\n  ports: [{name: a, port: 53, nodePort: 30053}, {name: b, port: 53, protocol: UDP, nodePort: 30053}]',
          ),
        ),
      ).services.map((x) => x.name),
    ).toEqual(['dns', 'kubernetes']);
  });
});

describe('Service validation', () => {
  it('requires port names on multi-port Services, like the API server', () => {
    expect(errorsOf(svc('a', '  ports:\n  - port: 80\n  - name: b\n    port: 81'))).toMatchObject([
      { line: 7, column: 5, field: 'spec.ports[0].name', message: 'Required value' },
    ]);
  });

  it('defaults targetPort to port, and reads named ones', () => {
    const s = scenarioOf(
      svc('a', '  ports: [{name: a, port: 80}, {name: b, port: 81, targetPort: metrics}]'),
    );
    expect(s.services[0]!.ports.map((p) => p.targetPort)).toEqual([80, 'metrics']);
  });

  it('rejects a numeric string targetPort as a port name, as kube does', () => {
    expect(errorsOf(svc('a', '  ports: [{port: 80, targetPort: "8080"}]'))[0]!.message).toBe(
      'Invalid value: "8080": must contain at least one letter (a-z)',
    );
  });

  it('reads LoadBalancer status, skipping ipMode Proxy, and trims source ranges', () => {
    const s = scenarioOf(
      svc(
        'lb',
        '  type: LoadBalancer\n  loadBalancerSourceRanges: [" 203.0.113.0/24 "]\n  sessionAffinity: ClientIP\n  sessionAffinityConfig: {clientIP: {timeoutSeconds: 60}}\n  ports: [{port: 80}]',
      ) +
        'status:\n  loadBalancer:\n    ingress:\n    - ip: 198.51.100.7\n    - ip: 198.51.100.8\n      ipMode: Proxy\n',
    );
    expect(s.services[0]!.loadBalancerIPs.map(formatIpv4)).toEqual(['198.51.100.7']);
    expect(s.services[0]!.loadBalancerSourceRanges).toHaveLength(1);
    expect(s.services[0]!).toMatchObject({ sessionAffinity: 'ClientIP', sessionAffinityTimeoutSeconds: 60 });
  });

  it('refuses externalTrafficPolicy on a Service nothing external reaches', () => {
    expect(errorsOf(svc('a', '  externalTrafficPolicy: Local\n  ports: [{port: 80}]'))[0]!.field).toBe(
      'spec.externalTrafficPolicy',
    );
  });

  it('reads ExternalName Services without a cluster IP', () => {
    const s = scenarioOf(svc('ext', '  type: ExternalName\n  externalName: db.example.com'));
    expect(s.services[0]).toMatchObject({
      type: 'ExternalName',
      clusterIP: null,
      externalName: 'db.example.com',
      ports: [],
    });
  });

  it('treats an empty selector as no selector', () => {
    expect(scenarioOf(svc('a', '  selector: {}\n  ports: [{port: 80}]')).services[0]!.selector).toBeNull();
  });

  it('warns about a named targetPort that no selected pod serves', () => {
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {app: a}}\nspec:\n  containers: [{name: c, ports: [{name: web, containerPort: 80}]}]\n';
    const w = warningsOf(pod + svc('a', '  selector: {app: a}\n  ports: [{port: 80, targetPort: http}]'));
    expect(w).toMatchObject([{ document: 1, line: 12, field: 'spec.ports[0].targetPort' }]);
    expect(w[0]!.message).toMatch(/^a Service port that no pod serves/);
  });
});
