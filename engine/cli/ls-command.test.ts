// `podpath ls`: the names a user passes to --from and --to, as a kubectl-like table and as stable JSON.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './main';
import { LS_SCHEMA, type LsJson } from './ls-command';

const scenarios = new URL('../../scenarios/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'podpath-ls-'));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Rows of one table (split on the blank lines between them), each split on runs of 3+ spaces. */
function tables(out: string): string[][][] {
  return out
    .trimEnd()
    .split('\n\n')
    .map((t) => t.split('\n').map((row) => row.split(/ {3,}/)));
}

describe('podpath ls', () => {
  it('lists nodes, pods and Services of the default scenario as kubectl-like tables', async () => {
    const r = await run('ls', join(scenarios, 'default.yaml'));
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const [nodes, pods, services] = tables(r.out);
    expect(nodes).toEqual([
      ['NAME', 'INTERNAL-IP', 'POD-CIDR', 'TAINTS'],
      ['node-1', '192.168.56.11', '10.244.0.0/24', '<none>'],
      ['node-2', '192.168.56.12', '10.244.1.0/24', '<none>'],
    ]);
    expect(pods![0]).toEqual(['NAMESPACE', 'NAME', 'IP', 'NODE', 'PORTS', 'LABELS']);
    expect(pods![1]).toEqual(['default', 'client', '10.244.0.2', 'node-1', '<none>', 'app=client']);
    // The Deployment's replicas under the names the ReplicaSet controller gives them, sorted by name.
    const web = pods!.filter((p) => p[1]!.startsWith('web-'));
    expect(web).toHaveLength(3);
    for (const p of web) {
      expect(p[1]).toMatch(/^web-[0-9a-z]{10}-[0-9a-z]{5}$/);
      expect(p[4]).toBe('8080/TCP');
      expect(p[5]).toMatch(/^app=web,pod-template-hash=[0-9a-z]{10}$/);
    }
    expect(web.map((p) => p[1])).toEqual(web.map((p) => p[1]).sort());
    expect(pods!.filter((p) => p[0] === 'kube-system' && p[1]!.startsWith('coredns-'))).toHaveLength(2);
    expect(services![0]).toEqual(['NAMESPACE', 'NAME', 'TYPE', 'CLUSTER-IP', 'PORT(S)', 'ENDPOINTS']);
    expect(services![1]).toEqual([
      'default',
      'kubernetes',
      'ClusterIP',
      '10.96.0.1',
      '443/TCP',
      '192.168.56.11:6443',
    ]);
    const webIPs = web.map((p) => `${p[2]}:8080`);
    expect(services![2]!.slice(0, 5)).toEqual(['default', 'web', 'ClusterIP', '10.96.1.1', '80/TCP']);
    expect(services![2]![5]!.split(',').sort()).toEqual(webIPs.sort());
    // kube-dns: 2 pods × 3 ports, the first three then the rest counted, as kubectl get endpoints does.
    expect(services![3]![4]).toBe('53/UDP,53/TCP,9153/TCP');
    expect(services![3]![5]).toMatch(/^(10\.244\.\d\.\d+:53,){2}10\.244\.\d\.\d+:53 \+ 3 more\.\.\.$/);
  });

  it('shows taints, node ports, headless and ExternalName Services, and not-ready endpoints apart', async () => {
    const path = file(
      'mixed.yaml',
      `apiVersion: v1
kind: Node
metadata: {name: cp}
spec:
  taints: [{key: node-role.kubernetes.io/control-plane, effect: NoSchedule}, {key: gpu, value: a100, effect: NoExecute}]
---
apiVersion: v1
kind: Node
metadata: {name: worker}
---
apiVersion: v1
kind: Pod
metadata: {name: db, labels: {app: db}}
spec: {nodeName: worker, containers: [{name: c, ports: [{containerPort: 5432, name: pg}]}]}
status: {conditions: [{type: Ready, status: "False"}]}
---
apiVersion: v1
kind: Service
metadata: {name: db}
spec: {clusterIP: None, selector: {app: db}, ports: [{port: 5432}]}
---
apiVersion: v1
kind: Service
metadata: {name: site}
spec: {type: NodePort, selector: {app: db}, ports: [{port: 80, targetPort: pg, nodePort: 30080}]}
---
apiVersion: v1
kind: Service
metadata: {name: ext}
spec: {type: ExternalName, externalName: example.com}
`,
    );
    const r = await run('ls', path);
    expect(r.code).toBe(0);
    const [nodes, pods, services] = tables(r.out);
    expect(nodes![1]).toEqual([
      'cp',
      '192.168.56.11',
      '10.244.0.0/24',
      'node-role.kubernetes.io/control-plane:NoSchedule,gpu=a100:NoExecute',
    ]);
    expect(pods!.find((p) => p[1] === 'db')).toEqual([
      'default',
      'db',
      '10.244.1.2',
      'worker',
      '5432/TCP',
      'app=db',
    ]);
    const svc = (name: string) => services!.find((s) => s[0] === 'default' && s[1] === name);
    // A not-ready pod is no address in kubectl's ENDPOINTS column.
    expect(svc('db')).toEqual(['default', 'db', 'ClusterIP', 'None', '5432/TCP', '<none>']);
    expect(svc('site')!.slice(2)).toEqual([
      'NodePort',
      expect.stringMatching(/^10\.96\./),
      '80:30080/TCP',
      '<none>',
    ]);
    expect(svc('ext')).toEqual(['default', 'ext', 'ExternalName', '<none>', '<none>', '<none>']);

    const json = JSON.parse((await run('ls', path, '--json')).out) as LsJson;
    const db = json.services.find((s) => s.name === 'db')!;
    expect(db.clusterIP).toBeNull();
    expect(db.endpoints).toEqual([
      {
        ip: '10.244.1.2',
        ports: [{ name: null, port: 5432, protocol: 'TCP' }],
        ready: false,
        serving: false,
        terminating: false,
        node: 'worker',
        pod: 'default/db',
      },
    ]);
    expect(json.nodes[0]!.taints).toEqual([
      { key: 'node-role.kubernetes.io/control-plane', value: '', effect: 'NoSchedule' },
      { key: 'gpu', value: 'a100', effect: 'NoExecute' },
    ]);
  });

  it('--json: the documented shape, sorted by namespace and name, the same bytes every run', async () => {
    const a = await run('ls', join(scenarios, 'default.yaml'), '--json');
    const b = await run('ls', join(scenarios, 'default.yaml'), '--json');
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    const json = JSON.parse(a.out) as LsJson;
    expect(json.schema).toBe(LS_SCHEMA);
    expect(Object.keys(json)).toEqual(['schema', 'nodes', 'pods', 'services', 'ingresses']);
    const keys = json.pods.map((p) => `${p.namespace}/${p.name}`);
    expect(keys).toEqual([...keys].sort());
    const web = json.pods.find((p) => p.name.startsWith('web-'))!;
    expect(Object.keys(web)).toEqual([
      'namespace',
      'name',
      'ip',
      'node',
      'hostNetwork',
      'owner',
      'labels',
      'ports',
    ]);
    expect(web.owner).toBe('default/web');
    expect(web.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    const svc = json.services.find((s) => s.name === 'web')!;
    expect(svc.ports).toEqual([
      { name: 'http', port: 80, protocol: 'TCP', targetPort: 'http', nodePort: null },
    ]);
    expect(svc.endpoints.map((e) => e.pod).sort()).toEqual(
      json.pods.filter((p) => p.owner === 'default/web').map((p) => `default/${p.name}`),
    );
  });

  it('prints the scenario errors and exits 1 for a broken file; exits 2 for an unknown flag', async () => {
    const bad = await run(
      'ls',
      file('bad.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec: {replicas: x}\n'),
    );
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('bad.yaml:4:18: error:');
    const usage = await run('ls', join(scenarios, 'default.yaml'), '--wide');
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('usage: podpath ls FILE [--json]');
  });

  it('is in the usage text', async () => {
    expect((await run('help')).out).toContain('podpath ls FILE [--json]');
  });

  describe('Ingresses, with the ADDRESS ingress-nginx publishes (status.loadBalancer.ingress)', () => {
    const web = `apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop}
spec:
  ingressClassName: nginx
  tls: [{hosts: [shop.example.com]}]
  rules:
  - host: shop.example.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: other}
spec:
  ingressClassName: traefik
  rules:
  - http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}
`;

    it("--publish-service of the controller Podpath adds: its NodePort Service's clusterIP; another class's Ingress gets none", async () => {
      const r = await run('ls', file('ingress.yaml', web));
      const ingresses = tables(r.out)[3]!;
      const json = JSON.parse((await run('ls', file('ingress.yaml', web), '--json')).out) as LsJson;
      const controller = json.services.find((s) => s.name === 'ingress-nginx-controller')!;
      expect(controller.type).toBe('NodePort');
      expect(ingresses).toEqual([
        ['NAMESPACE', 'NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS'],
        ['default', 'other', 'traefik', '*', '80'],
        ['default', 'shop', 'nginx', 'shop.example.com', controller.clusterIP!, '80, 443'],
      ]);
      expect(json.ingresses.map((i) => [i.name, i.served, i.address])).toEqual([
        ['other', false, []],
        ['shop', true, [{ ip: controller.clusterIP, hostname: '' }]],
      ]);
    });

    it("--publish-service naming a LoadBalancer Service: its status address; no flag: the controller pod's node", async () => {
      const controller = (args: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ctl, namespace: edge}
spec:
  selector: {matchLabels: {app: ctl}}
  template:
    metadata: {labels: {app: ctl}}
    spec:
      nodeName: node-2
      containers:
      - name: controller
        image: registry.k8s.io/ingress-nginx/controller:v1.12.1
        args: [/nginx-ingress-controller${args}]
        ports: [{name: http, containerPort: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: ctl, namespace: edge}
spec:
  type: LoadBalancer
  selector: {app: ctl}
  ports: [{name: http, port: 80, targetPort: http}]
status: {loadBalancer: {ingress: [{ip: 192.0.2.80}]}}
---
`;
      const address = async (args: string) => {
        const json = JSON.parse(
          (await run('ls', file('ctl.yaml', controller(args) + web), '--json')).out,
        ) as LsJson;
        return json.ingresses.find((i) => i.name === 'shop')!.address;
      };
      expect(await address(', --publish-service=edge/ctl')).toEqual([{ ip: '192.0.2.80', hostname: '' }]);
      expect(await address('')).toEqual([{ ip: '192.168.56.12', hostname: '' }]);
      expect(await address(', --publish-status-address=localhost')).toEqual([
        { ip: '', hostname: 'localhost' },
      ]);
    });
  });
});
