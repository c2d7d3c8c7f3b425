// StatefulSet pods as the StatefulSet controller makes them: the Kubernetes docs' `web` example (a headless
// Service `nginx` and a StatefulSet `web` of 3), rewritten here; a kubectl dump holding the set's running
// pods; and the errors and notes a bad spec gets, each on its field.
import { describe, expect, it } from 'vitest';
import { errorsOf, renderedErrors, scenarioOf, warningsOf, withoutCoreDns } from './test-helpers';
import { webStatefulSet } from './testdata/statefulset-web';

const statefulSet = (spec: string) =>
  `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n${spec}  template:\n    metadata: {labels: {app: db}}\n    spec: {containers: [{name: c}]}\n`;

describe('the pods a StatefulSet makes', () => {
  const pods = () => scenarioOf(withoutCoreDns(webStatefulSet)).pods;

  it('names them <set>-<ordinal>, one per replica', () => {
    expect(pods().map((p) => p.name)).toEqual(['web-0', 'web-1', 'web-2']);
  });

  it('labels them as the controller does: template, revision, pod name and index', () => {
    const [web0, web1] = pods();
    expect(web0!.labels).toEqual({
      app: 'nginx',
      'controller-revision-hash': expect.stringMatching(/^web-[bcdfghjklmnpqrstvwxz2456789]{10}$/),
      'apps.kubernetes.io/pod-index': '0',
      'statefulset.kubernetes.io/pod-name': 'web-0',
    });
    expect(web1!.labels['controller-revision-hash']).toBe(web0!.labels['controller-revision-hash']);
    expect(web1!.labels['statefulset.kubernetes.io/pod-name']).toBe('web-1');
  });

  it('gives each the hostname of its name and the subdomain spec.serviceName', () => {
    expect(pods().map((p) => [p.hostname, p.subdomain, p.ownerWorkload])).toEqual([
      ['web-0', 'nginx', 'StatefulSet default/web'],
      ['web-1', 'nginx', 'StatefulSet default/web'],
      ['web-2', 'nginx', 'StatefulSet default/web'],
    ]);
  });

  it('overrides a hostname or subdomain the template sets', () => {
    const s = scenarioOf(
      withoutCoreDns(
        webStatefulSet.replace(
          'terminationGracePeriodSeconds: 10',
          'hostname: other\n      subdomain: elsewhere',
        ),
      ),
    );
    expect([s.pods[0]!.hostname, s.pods[0]!.subdomain]).toEqual(['web-0', 'nginx']);
  });

  it('spreads the ordinals over the nodes, each ordinal keeping its turn', () => {
    expect(new Set(pods().map((p) => p.nodeName)).size).toBe(2);
  });

  it('starts at spec.ordinals.start', () => {
    const s = scenarioOf(
      withoutCoreDns(statefulSet('  serviceName: db\n  replicas: 2\n  ordinals: {start: 5}\n')),
    );
    expect(s.pods.map((p) => `${p.name} ${p.labels['apps.kubernetes.io/pod-index']}`)).toEqual([
      'db-5 5',
      'db-6 6',
    ]);
  });

  it('creates one pod when replicas is unset, none at 0', () => {
    expect(scenarioOf(withoutCoreDns(statefulSet('  serviceName: db\n'))).pods).toHaveLength(1);
    expect(scenarioOf(withoutCoreDns(statefulSet('  serviceName: db\n  replicas: 0\n'))).pods).toHaveLength(
      0,
    );
  });
});

// `kubectl get statefulsets,pods,svc,endpointslices -o yaml` of a cluster running the set: the pods carry the
// set as their controller, a node and an address, and the slice is the controller's.
const dump = `apiVersion: v1
kind: List
metadata: {resourceVersion: ""}
items:
- apiVersion: apps/v1
  kind: StatefulSet
  metadata:
    name: web
    namespace: default
    generation: 1
    managedFields:
    - {apiVersion: apps/v1, fieldsType: FieldsV1, fieldsV1: {f:spec: {f:replicas: {}}}, manager: kubectl-client-side-apply, operation: Update}
  spec:
    replicas: 2
    serviceName: nginx
    selector: {matchLabels: {app: nginx}}
    template:
      metadata: {labels: {app: nginx}}
      spec:
        containers:
        - name: nginx
          image: registry.k8s.io/nginx-slim:0.24
          ports: [{containerPort: 80, name: web, protocol: TCP}]
  status: {availableReplicas: 2, currentReplicas: 2, readyReplicas: 2, replicas: 2, currentRevision: web-7c8d9f5b6d}
- apiVersion: v1
  kind: Pod
  metadata:
    name: web-0
    namespace: default
    labels: {app: nginx, apps.kubernetes.io/pod-index: "0", controller-revision-hash: web-7c8d9f5b6d, statefulset.kubernetes.io/pod-name: web-0}
    ownerReferences:
    - {apiVersion: apps/v1, blockOwnerDeletion: true, controller: true, kind: StatefulSet, name: web, uid: 5f0a2c1e-1b7e-4d9a-8a51-3c2f0e9d7b10}
  spec:
    hostname: web-0
    subdomain: nginx
    nodeName: node-2
    containers:
    - name: nginx
      image: registry.k8s.io/nginx-slim:0.24
      ports: [{containerPort: 80, name: web, protocol: TCP}]
  status:
    phase: Running
    conditions: [{type: Ready, status: "True"}]
    podIP: 10.244.1.7
    podIPs: [{ip: 10.244.1.7}]
- apiVersion: v1
  kind: Pod
  metadata:
    name: web-1
    namespace: default
    labels: {app: nginx, apps.kubernetes.io/pod-index: "1", controller-revision-hash: web-7c8d9f5b6d, statefulset.kubernetes.io/pod-name: web-1}
    ownerReferences:
    - {apiVersion: apps/v1, blockOwnerDeletion: true, controller: true, kind: StatefulSet, name: web, uid: 5f0a2c1e-1b7e-4d9a-8a51-3c2f0e9d7b10}
  spec:
    hostname: web-1
    subdomain: nginx
    nodeName: node-1
    containers:
    - name: nginx
      image: registry.k8s.io/nginx-slim:0.24
      ports: [{containerPort: 80, name: web, protocol: TCP}]
  status:
    phase: Running
    conditions: [{type: Ready, status: "True"}]
    podIP: 10.244.0.9
- apiVersion: v1
  kind: Service
  metadata: {name: nginx, namespace: default, labels: {app: nginx}}
  spec:
    clusterIP: None
    clusterIPs: [None]
    ports: [{name: web, port: 80, protocol: TCP, targetPort: 80}]
    selector: {app: nginx}
`;

describe('a dump: the StatefulSet’s running pods are the truth', () => {
  it('keeps the dump’s pods, nodes and addresses, and creates no more', () => {
    const s = scenarioOf(withoutCoreDns(dump));
    expect(s.pods.map((p) => `${p.name}@${p.nodeName} ${p.requestedIP === null ? '' : 'pinned'}`)).toEqual([
      'web-0@node-2 pinned',
      'web-1@node-1 pinned',
    ]);
    expect(s.pods.map((p) => [p.hostname, p.subdomain, p.ownerWorkload])).toEqual([
      ['web-0', 'nginx', 'StatefulSet default/web'],
      ['web-1', 'nginx', 'StatefulSet default/web'],
    ]);
  });

  it('says nothing is missing', () => {
    expect(warningsOf(withoutCoreDns(dump))).toEqual([]);
  });
});

describe('bad StatefulSets, each error on its field', () => {
  it('refuses negative replicas', () => {
    expect(renderedErrors(statefulSet('  serviceName: db\n  replicas: -1\n'))).toEqual([
      'test.yaml:6:13: error: Invalid value: -1: must be between 0 and 200000, inclusive (document 1, field spec.replicas)',
    ]);
  });

  it('refuses a serviceName that is not a DNS-1123 label (it becomes the pods’ subdomain)', () => {
    const [e] = errorsOf(statefulSet('  serviceName: My_Service\n'));
    expect(e).toMatchObject({ line: 5, column: 16, field: 'spec.serviceName' });
    expect(e!.message).toMatch(/^Invalid value: "My_Service": a lowercase RFC 1123 label/);
  });

  it('refuses a set name that is not a DNS-1123 label (it starts each pod’s hostname)', () => {
    const [e] = errorsOf(statefulSet('  serviceName: db\n').replace('name: db}', 'name: db.v1}'));
    expect(e).toMatchObject({ line: 3, field: 'metadata.name' });
  });

  it('notes a set without serviceName: its pods get no per-pod DNS name (the field is optional)', () => {
    const w = warningsOf(withoutCoreDns(statefulSet('  replicas: 1\n')));
    expect(w).toMatchObject([
      {
        line: 5,
        field: 'spec',
        message: expect.stringMatching(/^note: StatefulSet "db" has no spec.serviceName/),
      },
    ]);
    expect(scenarioOf(withoutCoreDns(statefulSet(''))).pods[0]!.subdomain).toBeNull();
  });

  it('warns, on serviceName, when the governing Service is not in the file', () => {
    const w = warningsOf(withoutCoreDns(statefulSet('  serviceName: db\n')));
    expect(w).toMatchObject([{ line: 5, column: 16, field: 'spec.serviceName' }]);
    expect(w[0]!.message).toMatch(
      /^no Service "default\/db" in the scenario: the pods' names db-0\.db\.default\.svc… do not resolve/,
    );
  });

  it('skips an ordinal whose name a Pod of the file already holds, with a warning', () => {
    const text = withoutCoreDns(
      statefulSet('  serviceName: db\n  replicas: 2\n') +
        '---\napiVersion: v1\nkind: Pod\nmetadata: {name: db-1}\nspec: {containers: [{name: c}]}\n' +
        '---\napiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec: {clusterIP: None, selector: {app: db}}\n',
    );
    expect(scenarioOf(text).pods.map((p) => `${p.name} ${p.ownerWorkload ?? 'bare'}`)).toEqual([
      'db-0 StatefulSet default/db',
      'db-1 bare',
    ]);
    expect(warningsOf(text).map((d) => d.message)).toEqual([
      'Pod "default/db-1" already exists and is not one of StatefulSet "default/db"\'s pods: the controller cannot create ordinal 1',
    ]);
  });
});
