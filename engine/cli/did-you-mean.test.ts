// Unknown names in --from, --to, --pod and --node: the nearest names, or a Deployment's pods for its name.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './main';

const scenario = new URL('../../scenarios/default.yaml', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'podpath-names-'));

async function refusal(...argv: string[]): Promise<string> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  expect(code).toBe(1);
  expect(out).toBe('');
  return err.trimEnd();
}

const WEB_POD = 'web-[0-9a-z]{10}-[0-9a-z]{5}';

describe('did you mean', () => {
  it("trace --from a Deployment's name lists its pods", async () => {
    const err = await refusal('trace', scenario, '--from', 'pod/default/web', '--to', 'svc/default/web:http');
    expect(err).toMatch(
      new RegExp(
        `^podpath: --from pod/default/web: no pod default/web with an IP in this scenario; web is a Deployment, not a pod: its pods are pod/default/${WEB_POD}, pod/default/${WEB_POD} and pod/default/${WEB_POD}$`,
      ),
    );
  });

  it('trace --to a Deployment as pod/NS/NAME:PORT keeps the port in every suggestion', async () => {
    const err = await refusal(
      'trace',
      scenario,
      '--from',
      'pod/default/client',
      '--to',
      'pod/default/web:8080',
    );
    expect(err).toMatch(new RegExp(`its pods are (pod/default/${WEB_POD}:8080(, | and |$)){3}`));
  });

  it.each([
    [
      ['--from', 'pod/default/clint', '--to', 'svc/default/web:http'],
      'no pod default/clint with an IP in this scenario; did you mean pod/default/client?',
    ],
    [['--from', 'pod/defualt/client', '--to', 'svc/default/web:http'], 'did you mean pod/default/client?'],
    [
      ['--from', 'pod/client', '--to', 'svc/default/web:http'],
      'expected pod/NAMESPACE/NAME; did you mean pod/default/client?',
    ],
    [
      ['--from', 'node/node1', '--to', 'svc/default/web:http'],
      'no node named node1; did you mean node/node-1?',
    ],
    [
      ['--from', 'node/worker', '--to', 'svc/default/web:http'],
      'no node named worker; the nodes are node/node-1 and node/node-2',
    ],
    [
      ['--from', 'pod/default/client', '--to', 'svc/default/wbe:http'],
      'no Service default/wbe; did you mean svc/default/web:http?',
    ],
    [
      ['--from', 'pod/default/client', '--to', 'svc/kube-system/kubedns:53'],
      'no Service kube-system/kubedns; did you mean svc/kube-system/kube-dns:53?',
    ],
    [
      ['--from', 'pod/default/client', '--to', 'svc/default/kube-dns:53'],
      'no Service default/kube-dns; did you mean svc/kube-system/kube-dns:53?',
    ],
    [
      ['--from', 'pod/default/client', '--to', 'node/node-3:22'],
      'no node node-3; did you mean node/node-1:22 or node/node-2:22?',
    ],
  ])('trace %j', async (flags, message) => {
    expect(await refusal('trace', scenario, ...flags)).toContain(message);
  });

  it('dns --from, cni --pod and rules --node suggest in the form each takes', async () => {
    expect(await refusal('dns', scenario, '--from', 'pod/default/clinet', 'web')).toBe(
      'podpath: --from pod/default/clinet: no pod default/clinet in this scenario; did you mean pod/default/client?',
    );
    expect(await refusal('cni', scenario, '--pod', 'default/web')).toMatch(
      new RegExp(
        `^podpath: --pod default/web: no pod default/web; web is a Deployment, not a pod: its pods are default/${WEB_POD}, `,
      ),
    );
    expect(await refusal('rules', scenario, '--node', 'nod-2')).toBe(
      'podpath: --node nod-2: no node nod-2; did you mean node-2?',
    );
  });

  it("finds a dump's Deployment through its pods' ReplicaSet", async () => {
    const dump = join(dir, 'dump.yaml');
    writeFileSync(
      dump,
      `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata:
    name: frontend-7c9d5b8f6d-x2x4q
    namespace: shop
    labels: {app: frontend, pod-template-hash: 7c9d5b8f6d}
    ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: frontend-7c9d5b8f6d, uid: 1, controller: true}]
  spec: {nodeName: node-1, containers: [{name: c}]}
  status: {podIP: 10.244.0.7}
`,
    );
    expect(await refusal('trace', dump, '--from', 'pod/shop/frontend', '--to', '10.96.0.1:443')).toContain(
      'frontend is a Deployment, not a pod: its pod is pod/shop/frontend-7c9d5b8f6d-x2x4q',
    );
  });
});
