// Bad input gives a diagnostic that points at the field to fix: document, 1-based line and column, path.
import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse-scenario';
import { MAX_DOCUMENTS, MAX_TEXT_BYTES } from './limits';
import { errorsOf, renderedErrors } from './test-helpers';

describe('YAML problems', () => {
  it('reports invalid YAML with the parser’s line and column', () => {
    expect(renderedErrors('apiVersion: v1\nkind: Pod\nmetadata: {name: [}\n')[0]).toMatch(
      /^test\.yaml:3:\d+: error: invalid YAML: .* \(document 1\)$/,
    );
  });

  it('rejects aliases with a clear error at the alias', () => {
    expect(
      renderedErrors(
        'apiVersion: v1\nkind: Pod\nmetadata:\n  labels: &l {a: b}\n  annotations: *l\n  name: p\n',
      ),
    ).toEqual([
      'test.yaml:5:16: error: YAML aliases are not supported (*l): write the value out (document 1)',
    ]);
  });

  it('rejects duplicate keys', () => {
    expect(errorsOf('apiVersion: v1\nkind: Pod\nkind: Pod\n')[0]).toMatchObject({
      line: 3,
      column: 1,
      message: 'invalid YAML: Map keys must be unique',
    });
  });

  it('reads YAML 1.1 like kubectl does: an unquoted y is a boolean, not a name', () => {
    expect(errorsOf('apiVersion: v1\nkind: Node\nmetadata: {name: y}\n')[0]).toMatchObject({
      field: 'metadata.name',
      message: 'expected a string, got boolean true (quote it: YAML 1.1 reads y/n/yes/no/on/off as booleans)',
    });
  });

  it('refuses a file over the size cap, before parsing it', () => {
    const { scenario, diagnostics } = parseScenario('#'.repeat(MAX_TEXT_BYTES + 1), 'big.yaml');
    expect(scenario).toBeNull();
    expect(diagnostics).toMatchObject([
      { severity: 'error', message: 'scenario file is larger than 2 MiB', document: -1 },
    ]);
  });

  it('counts the size in UTF-8 bytes', () => {
    expect(errorsOf(`# ${'é'.repeat(MAX_TEXT_BYTES / 2)}`)).toHaveLength(1);
  });

  it('stops at the document cap', () => {
    const errors = errorsOf('---\n'.repeat(MAX_DOCUMENTS + 10));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/more than 2000 documents/);
  });

  it('refuses runaway nesting', () => {
    expect(errorsOf(`a: ${'['.repeat(100)}${']'.repeat(100)}\n`)[0]!.message).toMatch(
      /nesting deeper than 64/,
    );
  });

  it('asks for apiVersion and kind', () => {
    expect(errorsOf('metadata: {name: x}\n')[0]).toMatchObject({
      line: 1,
      column: 1,
      message: 'object has no type: apiVersion not set, kind not set',
    });
  });
});

describe('wrong field types', () => {
  it('points at spec.replicas: "three" with what was expected', () => {
    const text =
      'apiVersion: v1\nkind: Node\nmetadata: {name: node-a}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: "three"\n';
    expect(renderedErrors(text)).toEqual([
      'test.yaml:10:13: error: expected an integer, got string "three" (document 2, field spec.replicas)',
    ]);
  });

  it('names list items in the path', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    ports:\n    - containerPort: http\n';
    expect(errorsOf(text)).toMatchObject([
      {
        line: 8,
        column: 22,
        field: 'spec.containers[0].ports[0].containerPort',
        message: 'expected an integer, got string "http"',
      },
    ]);
  });

  it('says a label value must be a quoted string', () => {
    expect(
      errorsOf('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {version: 2}\n')[0],
    ).toMatchObject({ line: 5, column: 21, field: 'metadata.labels.version' });
  });

  it('reports out-of-range numbers like the API server', () => {
    expect(
      errorsOf('apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{port: 70000}]\n')[0],
    ).toMatchObject({
      field: 'spec.ports[0].port',
      message: 'Invalid value: 70000: must be between 1 and 65535, inclusive',
    });
  });
});

describe('names', () => {
  it('requires metadata.name, pointing at the metadata', () => {
    expect(errorsOf('apiVersion: v1\nkind: Pod\nmetadata:\n  labels: {a: b}\n')[0]).toMatchObject({
      line: 4,
      column: 3,
      field: 'metadata.name',
      message: 'Required value: name is required',
    });
  });

  it('checks names with the API server’s rule for the kind', () => {
    expect(
      errorsOf('apiVersion: v1\nkind: Service\nmetadata: {name: 1web}\nspec: {ports: [{port: 80}]}\n')[0]!
        .message,
    ).toMatch(/^Invalid value: "1web": a DNS-1035 label/);
  });

  it('refuses two objects with one name', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n';
    expect(errorsOf(`${pod}---\n${pod}`)).toMatchObject([
      { document: 1, line: 7, field: 'metadata.name', message: 'Pod "default/p" is defined twice' },
    ]);
    const node = 'apiVersion: v1\nkind: Node\nmetadata: {name: node-a}\n';
    expect(errorsOf(`${node}---\n${node}`)[0]!.message).toBe(
      'Node "node-a" is defined twice (first at line 3)',
    );
  });

  it('refuses a pod on a node the scenario does not have', () => {
    expect(
      errorsOf('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {nodeName: ghost}\n')[0],
    ).toMatchObject({ field: 'spec.nodeName', message: 'node "ghost" not found in the scenario' });
  });
});

describe('addresses claimed twice', () => {
  it('refuses two pods asking for one pod IP', () => {
    const pod = (name: string): string =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\nstatus: {podIP: 10.244.0.9}\n`;
    expect(errorsOf(`${pod('a')}---\n${pod('b')}`)).toMatchObject([
      {
        document: 1,
        field: 'status.podIP',
        message: 'podIP 10.244.0.9 is already the IP of pod "default/a"',
      },
    ]);
  });
});

describe('configuration', () => {
  it('points bad flannel JSON at the data key', () => {
    const text =
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: kube-flannel-cfg, namespace: kube-flannel}\ndata:\n  net-conf.json: |\n    {"Network": }\n';
    expect(errorsOf(text)[0]).toMatchObject({ line: 5, column: 18, field: 'data.net-conf.json' });
    expect(errorsOf(text)[0]!.message).toMatch(/^net-conf\.json: invalid JSON/);
  });

  it('refuses an unknown proxy mode', () => {
    expect(
      errorsOf('apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: ebpf\n')[0],
    ).toMatchObject({
      line: 3,
      column: 7,
      field: 'mode',
      message: 'Unsupported value: "ebpf": supported values: "iptables", "ipvs", "nftables"',
    });
  });

  it('refuses a second ClusterConfiguration', () => {
    const cc = 'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\n';
    expect(errorsOf(`${cc}---\n${cc}`)[0]!.message).toBe(
      'a second ClusterConfiguration: only one is allowed (the first is at line 1)',
    );
  });

  it('refuses a malformed podSubnet', () => {
    expect(
      errorsOf(
        'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\nnetworking: {podSubnet: 10.244.0.0/33}\n',
      )[0],
    ).toMatchObject({ field: 'networking.podSubnet' });
  });
});
