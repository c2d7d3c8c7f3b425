// Ingress and IngressClass objects: the API server's validation messages, where they point, and the
// ingress-nginx addon that an Ingress brings with it.
import { describe, expect, it } from 'vitest';
import { errorsOf, scenarioOf, warningsOf } from './test-helpers';

const svc =
  'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{name: http, port: 80}]}\n';

function ingress(spec: string, meta = 'name: i'): string {
  return `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {${meta}}\nspec:\n${spec}`;
}

const rule = (path: string) =>
  `  ingressClassName: nginx\n  rules:\n  - host: a.example.com\n    http:\n      paths:\n      - ${path}\n`;

describe('Ingress validation', () => {
  it('requires pathType, with the API server’s words', () => {
    expect(
      errorsOf(ingress(rule('{path: /, backend: {service: {name: web, port: {number: 80}}}}'))),
    ).toMatchObject([
      {
        message: 'Required value: pathType must be specified',
        field: 'spec.rules[0].http.paths[0].pathType',
        line: 10,
      },
    ]);
  });

  it('refuses a relative path and an unknown pathType', () => {
    expect(
      errorsOf(
        ingress(rule('{path: foo, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}')),
      )[0],
    ).toMatchObject({
      message: 'Invalid value: "foo": must be an absolute path',
      field: 'spec.rules[0].http.paths[0].path',
    });
    expect(
      errorsOf(
        ingress(rule('{path: /a//b, pathType: Exact, backend: {service: {name: web, port: {number: 80}}}}')),
      )[0]!.message,
    ).toBe(`Invalid value: "/a//b": must not contain '//'`);
    expect(
      errorsOf(
        ingress(rule('{path: /, pathType: prefix, backend: {service: {name: web, port: {number: 80}}}}')),
      )[0]!.message,
    ).toBe('Unsupported value: "prefix": supported values: "Exact", "ImplementationSpecific", "Prefix"');
  });

  it('refuses hosts that are IPs, misplaced wildcards and a bare *', () => {
    const host = (h: string) => errorsOf(ingress(`  rules:\n  - host: "${h}"\n`))[0];
    expect(host('10.0.0.1')).toMatchObject({
      message: 'Invalid value: "10.0.0.1": must be a DNS name, not an IP address',
      field: 'spec.rules[0].host',
    });
    expect(host('foo.*.com')!.message).toMatch(
      /^Invalid value: "foo\.\*\.com": a wildcard DNS-1123 subdomain must start with '\*\.'/,
    );
    expect(host('*')!.message).toMatch(/a wildcard DNS-1123 subdomain/);
    expect(host('a..b')!.message).toMatch(/a lowercase RFC 1123 subdomain/);
    expect(host(`${'a'.repeat(250)}.com`)!.message).toBe(
      `Invalid value: "${'a'.repeat(250)}.com": must be no more than 253 characters`,
    );
  });

  it('needs rules or a defaultBackend, and a backend that is one thing', () => {
    expect(errorsOf(ingress('  ingressClassName: nginx\n'))[0]!.message).toBe(
      'Invalid value: "null": either `defaultBackend` or `rules` must be specified',
    );
    expect(
      errorsOf(
        ingress(
          '  defaultBackend: {service: {name: web, port: {number: 80}}, resource: {kind: Bucket, name: b}}\n',
        ),
      )[0]!.message,
    ).toBe('Invalid value: "": cannot set both resource and service backends');
    expect(
      errorsOf(ingress('  defaultBackend: {service: {name: web, port: {number: 80, name: http}}}\n'))[0]!
        .message,
    ).toBe('Invalid value: cannot set both port name & port number');
    expect(errorsOf(ingress('  defaultBackend: {service: {name: web}}\n'))[0]!.message).toBe(
      'Required value: port name or number is required',
    );
  });

  it('requires the legacy class annotation to agree with ingressClassName', () => {
    expect(
      errorsOf(
        ingress(
          '  ingressClassName: nginx\n  defaultBackend: {service: {name: web, port: {number: 80}}}\n',
          'name: i, annotations: {kubernetes.io/ingress.class: traefik}',
        ),
      )[0]!.message,
    ).toBe('Invalid value: "traefik": must match `ingressClassName` when both are specified');
  });
});

describe('the ingress-nginx addon', () => {
  const served = ingress(
    '  ingressClassName: nginx\n  defaultBackend: {service: {name: web, port: {number: 80}}}\n',
  );

  it('is absent without an Ingress', () => {
    expect(scenarioOf(svc).ingress).toBeUndefined();
  });

  it('adds the controller Deployment, a NodePort Service and the IngressClass nginx', () => {
    const s = scenarioOf(`${svc}---\n${served}`);
    expect(s.ingress?.controller).toEqual({
      namespace: 'ingress-nginx',
      deployment: 'ingress-nginx-controller',
      service: 'ingress-nginx-controller',
      // The official manifests' arguments.
      args: {
        ingressClass: 'nginx',
        controllerClass: 'k8s.io/ingress-nginx',
        watchIngressWithoutClass: false,
        ingressClassByName: false,
        defaultBackendService: null,
        publishService: 'ingress-nginx/ingress-nginx-controller',
        publishStatusAddress: null,
      },
    });
    expect(s.ingress?.classes).toMatchObject([
      { name: 'nginx', controller: 'k8s.io/ingress-nginx', isDefault: false },
    ]);
    const pods = s.pods.filter((p) => p.namespace === 'ingress-nginx');
    expect(pods).toHaveLength(1);
    expect(pods[0]!.ports.map((p) => `${p.name}:${p.containerPort}`)).toEqual([
      'http:80',
      'https:443',
      'webhook:8443',
    ]);
    const controller = s.services.find((v) => v.namespace === 'ingress-nginx')!;
    expect(controller).toMatchObject({
      type: 'NodePort',
      ports: [
        { name: 'http', port: 80, targetPort: 'http' },
        { name: 'https', port: 443, targetPort: 'https' },
      ],
    });
    expect(controller.ports.every((p) => p.nodePort >= 30086)).toBe(true);
    // The file's own Service keeps the first dynamic address; the controller's comes after.
    expect(s.services.map((v) => `${v.namespace}/${v.name}`)).toEqual([
      'default/web',
      'default/kubernetes',
      'kube-system/kube-dns',
      'ingress-nginx/ingress-nginx-controller',
    ]);
  });

  it('makes the Service a LoadBalancer when the Ingress status publishes an address', () => {
    const s = scenarioOf(`${svc}---\n${served}status: {loadBalancer: {ingress: [{ip: 192.0.2.80}]}}\n`);
    expect(s.services.find((v) => v.namespace === 'ingress-nginx')).toMatchObject({
      type: 'LoadBalancer',
      loadBalancerIPs: [0xc0000250],
    });
  });

  it('keeps the file’s own controller Deployment and Service', () => {
    const own =
      'apiVersion: v1\nkind: Service\nmetadata: {name: ingress-nginx-controller, namespace: ingress-nginx}\nspec: {type: NodePort, selector: {app: mine}, ports: [{name: http, port: 80, nodePort: 30080}]}\n';
    const s = scenarioOf(`${svc}---\n${own}---\n${served}`);
    expect(s.services.filter((v) => v.namespace === 'ingress-nginx')).toMatchObject([
      { ports: [{ nodePort: 30080 }] },
    ]);
  });

  it('warns that an Ingress without a class is ignored when no class is default', () => {
    const w = warningsOf(
      `${svc}---\n${ingress('  defaultBackend: {service: {name: web, port: {number: 80}}}\n')}`,
    );
    expect(w.map((d) => d.message)).toContainEqual(
      expect.stringContaining(
        'no ingressClassName and no default IngressClass: ingress-nginx ignores this Ingress',
      ),
    );
    expect(
      scenarioOf(`${svc}---\n${ingress('  defaultBackend: {service: {name: web, port: {number: 80}}}\n')}`)
        .ingress?.ingresses[0]?.served,
    ).toBe(false);
  });

  it('gives an Ingress without a class the default class; with two defaults, the newest, and warns', () => {
    const cls = (name: string) =>
      `apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {name: ${name}, annotations: {ingressclass.kubernetes.io/is-default-class: "true"}}\nspec: {controller: k8s.io/ingress-nginx}\n`;
    const text = `${svc}---\n${cls('one')}---\n${cls('two')}---\n${ingress('  defaultBackend: {service: {name: web, port: {number: 80}}}\n')}`;
    expect(scenarioOf(text).ingress?.ingresses[0]).toMatchObject({ className: 'two', served: true });
    expect(warningsOf(text).map((d) => d.message)).toContainEqual(
      expect.stringMatching(/^2 default IngressClasses were found \(one, two\)/),
    );
  });

  it('accepts the legacy annotation kubernetes.io/ingress.class: nginx', () => {
    const s = scenarioOf(
      `${svc}---\n${ingress('  defaultBackend: {service: {name: web, port: {number: 80}}}\n', 'name: i, annotations: {kubernetes.io/ingress.class: nginx}')}`,
    );
    expect(s.ingress?.ingresses[0]?.served).toBe(true);
  });

  it('warns about a missing Service or port at the backend', () => {
    const w = warningsOf(
      `${svc}---\n${ingress(rule('{path: /, pathType: Prefix, backend: {service: {name: nope, port: {number: 80}}}}'))}---\n${ingress(rule('{path: /, pathType: Prefix, backend: {service: {name: web, port: {name: https}}}}'), 'name: j')}`,
    );
    expect(w.map((d) => d.message)).toEqual(
      expect.arrayContaining([
        'Service "default/nope" not found: ingress-nginx answers 503 for requests routed here',
        'Service "default/web" has no port "https" (ports: http): ingress-nginx answers 503 for requests routed here',
      ]),
    );
  });
});
