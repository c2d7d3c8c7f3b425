// The ingress-nginx controller a file installs itself: its arguments, read as its flag set reads them,
// and what they change — which Ingresses it serves and where unmatched requests go.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioOf, warningsOf } from './test-helpers';

const kind = readFileSync(new URL('./testdata/kind-ingress-nginx.yaml', import.meta.url), 'utf8');

function controller(args: string[], extra = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: my-ingress-nginx-controller, namespace: edge}
spec:
  selector: {matchLabels: {app: ctl}}
  template:
    metadata: {labels: {app: ctl}}
    spec:
      containers:
      - name: controller
        image: registry.k8s.io/ingress-nginx/controller:v1.12.1
        args:
${args.map((a) => `        - ${JSON.stringify(a)}`).join('\n')}
        env:
        - name: POD_NAMESPACE
          valueFrom: {fieldRef: {fieldPath: metadata.namespace}}
        ports: [{name: http, containerPort: 80}, {name: https, containerPort: 443}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80}]}
---
${extra}apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: classless}
spec:
  rules:
  - http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
`;
}

describe("kind's ingress-nginx manifest", () => {
  it('serves an Ingress without a class with --watch-ingress-without-class=true, and adds no second controller', () => {
    const s = scenarioOf(kind);
    expect(s.ingress!.ingresses.map((i) => [i.name, i.className, i.served])).toEqual([
      ['example-ingress', null, true],
    ]);
    expect(s.ingress!.controller).toMatchObject({
      namespace: 'ingress-nginx',
      deployment: 'ingress-nginx-controller',
      args: { watchIngressWithoutClass: true, publishStatusAddress: 'localhost', ingressClass: 'nginx' },
    });
    expect(s.pods.filter((p) => p.namespace === 'ingress-nginx')).toHaveLength(1);
    expect(warningsOf(kind).map((w) => w.message)).toEqual([]);
  });
});

describe('the controller arguments', () => {
  it('ignores an Ingress without a class when --watch-ingress-without-class is absent or false', () => {
    for (const args of [[], ['--watch-ingress-without-class=false']]) {
      const text = controller(['/nginx-ingress-controller', ...args]);
      expect(scenarioOf(text).ingress!.ingresses[0]!.served).toBe(false);
      expect(warningsOf(text).map((w) => w.message)).toContainEqual(
        expect.stringContaining('--watch-ingress-without-class=true'),
      );
    }
  });

  it('reads --flag value as well as --flag=value, and a bare boolean flag as true', () => {
    const s = scenarioOf(
      controller([
        '/nginx-ingress-controller',
        '--ingress-class',
        'internal',
        '--controller-class=example.com/internal-nginx',
        '--watch-ingress-without-class',
        '--publish-service=$(POD_NAMESPACE)/my-ingress-nginx-controller',
        '--default-backend-service',
        'edge/fallback',
      ]),
    );
    expect(s.ingress!.controller).toMatchObject({
      namespace: 'edge',
      deployment: 'my-ingress-nginx-controller',
      args: {
        ingressClass: 'internal',
        controllerClass: 'example.com/internal-nginx',
        watchIngressWithoutClass: true,
        publishService: 'edge/my-ingress-nginx-controller',
        defaultBackendService: { namespace: 'edge', name: 'fallback' },
      },
    });
    // The IngressClass the addon brings is named and owned after the arguments.
    expect(s.ingress!.classes).toMatchObject([
      { name: 'internal', controller: 'example.com/internal-nginx' },
    ]);
  });

  it('serves the legacy annotation only when it names --ingress-class', () => {
    const legacy = (value: string) =>
      controller(['/nginx-ingress-controller', '--ingress-class=internal']).replace(
        'metadata: {name: classless}',
        `metadata: {name: classless, annotations: {kubernetes.io/ingress.class: ${value}}}`,
      );
    expect(scenarioOf(legacy('internal')).ingress!.ingresses[0]!.served).toBe(true);
    expect(scenarioOf(legacy('nginx')).ingress!.ingresses[0]!.served).toBe(false);
  });

  it('serves a class of another controller only when its spec.controller is --controller-class', () => {
    const cls =
      'apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {name: internal}\nspec: {controller: example.com/internal-nginx}\n---\n';
    const text = (args: string[]) =>
      controller(['/nginx-ingress-controller', ...args], cls).replace(
        'spec:\n  rules:',
        'spec:\n  ingressClassName: internal\n  rules:',
      );
    expect(
      scenarioOf(text(['--controller-class=example.com/internal-nginx'])).ingress!.ingresses[0]!.served,
    ).toBe(true);
    expect(scenarioOf(text([])).ingress!.ingresses[0]!.served).toBe(false);
  });

  it('warns on the line of an unknown flag and of one that is not simulated', () => {
    const text = controller([
      '/nginx-ingress-controller',
      '--watch-ingres-without-class=true',
      '--tcp-services-configmap=edge/tcp',
    ]);
    const w = warningsOf(text).filter((d) => d.message.includes('flag') || d.message.includes('--'));
    expect(w.map((d) => `${d.line}: ${d.message}`)).toEqual([
      '14: unknown flag: --watch-ingres-without-class: the controller exits at start (pflag), so nothing serves these Ingresses in the cluster',
      '15: --tcp-services-configmap is not simulated: Podpath routes as if it were not set',
      expect.stringContaining('no ingressClassName'),
    ]);
  });

  it('warns when --default-backend-service is not namespace/name', () => {
    const text = controller(['/nginx-ingress-controller', '--default-backend-service=fallback']);
    expect(warningsOf(text).map((d) => `${d.line}: ${d.message}`)).toContainEqual(
      '14: --default-backend-service=fallback: expected namespace/name; the controller refuses to start',
    );
  });
});
