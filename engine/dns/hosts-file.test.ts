// spec.hostAliases in the pod's /etc/hosts, and glibc reading that file before DNS: the Kubernetes docs'
// "Adding entries to Pod /etc/hosts" shape (a pod with two aliases for two addresses), rewritten here.
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../cluster/cluster';
import { formatIpv4 } from '../net/ipv4';
import { errorsOf, renderedErrors, warningsOf } from '../scenario/test-helpers';
import { traceConnection } from '../trace/trace';
import { traceToJson } from '../trace/json';
import { traceToText } from '../trace/text';
import { clusterDnsOf, resolveName } from './resolve';

const yaml = `apiVersion: v1
kind: Pod
metadata:
  name: hostaliases-pod
spec:
  restartPolicy: Never
  hostAliases:
  - ip: "127.0.0.1"
    hostnames:
    - "foo.local"
    - "bar.local"
  - ip: "10.96.50.50"
    hostnames:
    - "api.internal"
    - "hostaliases-pod"
  containers:
  - name: cat-hosts
    image: busybox:1.28
    command: [cat, /etc/hosts]
---
apiVersion: v1
kind: Pod
metadata:
  name: api-0
  labels: {app: api}
spec:
  containers:
  - name: api
    image: nginx
    ports: [{containerPort: 80}]
---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  clusterIP: 10.96.50.50
  selector: {app: api}
  ports: [{port: 80}]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: legacy-client
spec:
  replicas: 2
  selector: {matchLabels: {app: legacy-client}}
  template:
    metadata: {labels: {app: legacy-client}}
    spec:
      hostAliases:
      - ip: 192.168.56.200
        hostnames: [db.corp.example]
      containers: [{name: c, image: busybox}]
`;

const { cluster } = loadCluster(yaml, 'hostaliases.yaml');
const dns = clusterDnsOf(cluster!);
const podIP = (key: string) => formatIpv4(cluster!.addressing.podIPs.get(key)!);

describe('the kubelet’s /etc/hosts', () => {
  it('holds its own lines, the pod’s address under its name, then the HostAliases block', () => {
    expect(dns.hostsFileFor('pod/default/hostaliases-pod').text).toBe(
      [
        '# Kubernetes-managed hosts file.',
        '127.0.0.1\tlocalhost',
        '::1\tlocalhost ip6-localhost ip6-loopback',
        'fe00::0\tip6-localnet',
        'fe00::0\tip6-mcastprefix',
        'fe00::1\tip6-allnodes',
        'fe00::2\tip6-allrouters',
        `${podIP('default/hostaliases-pod')}\thostaliases-pod`,
        '',
        '# Entries added by HostAliases.',
        '127.0.0.1\tfoo.local\tbar.local',
        '10.96.50.50\tapi.internal\thostaliases-pod',
        '',
      ].join('\n'),
    );
  });

  it('gives a Deployment’s replicas the template’s aliases', () => {
    const replicas = cluster!.scenario.pods.filter((p) => p.name.startsWith('legacy-client-'));
    expect(replicas).toHaveLength(2);
    for (const p of replicas)
      expect(resolveName(dns, `pod/default/${p.name}`, 'db.corp.example')).toMatchObject({
        source: 'hosts',
        addresses: ['192.168.56.200'],
        queries: [],
      });
  });
});

describe('glibc reads /etc/hosts before DNS (hosts: files dns)', () => {
  it('answers an alias with no query, and says which line', () => {
    const r = resolveName(dns, 'pod/default/hostaliases-pod', 'bar.local');
    expect(r).toMatchObject({
      source: 'hosts',
      queries: [],
      addresses: ['127.0.0.1'],
      hostsLine: '127.0.0.1\tfoo.local\tbar.local',
      hostsOrigin: 'hostAliases',
    });
  });

  it('compares names without regard to case', () => {
    expect(resolveName(dns, 'pod/default/hostaliases-pod', 'API.Internal').addresses).toEqual([
      '10.96.50.50',
    ]);
  });

  it('takes the first line naming the host: the kubelet’s own beats an alias of the same name', () => {
    const r = resolveName(dns, 'pod/default/hostaliases-pod', 'hostaliases-pod');
    expect(r).toMatchObject({ hostsOrigin: 'kubelet', addresses: [podIP('default/hostaliases-pod')] });
  });

  it('applies no search list to the file: a short name is asked of DNS', () => {
    const r = resolveName(dns, 'pod/default/hostaliases-pod', 'api');
    expect(r.source).toBe('dns');
    expect(r.queries[0]).toMatchObject({ name: 'api.default.svc.cluster.local.', rcode: 'NOERROR' });
  });

  it('is not read by res_search (a --type question goes to DNS)', () => {
    const r = resolveName(dns, 'pod/default/hostaliases-pod', 'foo.local', { type: 'A' });
    expect(r.source).toBe('dns');
    expect(r.queries.length).toBeGreaterThan(0);
  });

  it('leaves other pods’ files alone', () => {
    expect(resolveName(dns, 'pod/default/api-0', 'api.internal').source).toBe('dns');
  });

  it('traces a connection to an alias with no DNS query, to the address the line gives', () => {
    const trace = traceConnection(cluster!, cluster!, {
      from: 'pod/default/hostaliases-pod',
      to: 'api.internal:80',
    });
    const json = traceToJson(trace);
    expect(json.dns).toMatchObject({ source: 'hosts', queries: [], addresses: ['10.96.50.50'] });
    expect(json.deliveredTo?.pod).toBe('default/api-0');
    expect(traceToText(json)).toContain(
      'found in /etc/hosts (spec.hostAliases), no DNS query: 10.96.50.50 api.internal hostaliases-pod',
    );
  });
});

describe('bad hostAliases', () => {
  const pod = (aliases: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostAliases:\n${aliases}  containers: [{name: c}]\n`;

  it('refuses an address that is not an IP, on its field', () => {
    expect(renderedErrors(pod('  - ip: 10.1.2\n    hostnames: [a.local]\n'))).toEqual([
      'test.yaml:6:9: error: Invalid value: "10.1.2": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff) (document 1, field spec.hostAliases[0].ip)',
    ]);
  });

  it('refuses a missing address and a hostname that is not a DNS subdomain', () => {
    const errors = errorsOf(pod('  - hostnames: [Bad_Name]\n'));
    expect(errors.map((e) => [e.line, e.field, e.message.slice(0, 40)])).toEqual([
      [6, 'spec.hostAliases[0].ip', 'Required value: an IP address for these '],
      [6, 'spec.hostAliases[0].hostnames[0]', 'Invalid value: "Bad_Name": a lowercase R'],
    ]);
  });

  it('leaves an IPv6 alias out with a warning (the API server accepts it; the cluster is IPv4)', () => {
    const w = warningsOf(pod('  - ip: "fd00::1"\n    hostnames: [v6.local]\n'));
    expect(w.map((d) => [d.line, d.field])).toContainEqual([6, 'spec.hostAliases[0].ip']);
    expect(w.find((d) => d.field === 'spec.hostAliases[0].ip')!.message).toMatch(/IPv6.*left out/);
  });
});
