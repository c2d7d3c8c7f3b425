// The ConfigMaps where a real cluster keeps its components' configuration, and what each is read as:
//  - kube-system/kube-proxy, key `config.conf`: the KubeProxyConfiguration kube-proxy runs with (kubeadm
//    writes it there and mounts it at /var/lib/kube-proxy/config.conf);
//  - kube-system/kubeadm-config, key `ClusterConfiguration`: what `kubeadm init` was given (networking.
//    podSubnet, serviceSubnet, dnsDomain);
//  - kube-flannel/kube-flannel-cfg (`net-conf.json`) and kube-system/coredns (`Corefile`), read by their
//    own modules.
// An embedded configuration is read as if it were a document of the file, with positions in the file.
import { COREDNS_NAME, COREDNS_NAMESPACE } from './coredns-addon';
import { readEmbeddedObject } from './embedded-yaml';
import { FLANNEL_CONFIGMAP, FLANNEL_NAMESPACE } from './flannel-configuration';
import type { SourceObject } from './source-objects';

export type ConfigMapRole = 'flannel' | 'coredns' | 'kube-proxy' | 'kubeadm';

interface Embedded {
  readonly namespace: string;
  readonly name: string;
  readonly key: string;
  readonly apiVersions: readonly string[];
  readonly kind: string;
}

const EMBEDDED: Record<'kube-proxy' | 'kubeadm', Embedded> = {
  'kube-proxy': {
    namespace: 'kube-system',
    name: 'kube-proxy',
    key: 'config.conf',
    apiVersions: ['kubeproxy.config.k8s.io/v1alpha1'],
    kind: 'KubeProxyConfiguration',
  },
  kubeadm: {
    namespace: 'kube-system',
    name: 'kubeadm-config',
    key: 'ClusterConfiguration',
    apiVersions: ['kubeadm.k8s.io/v1beta4', 'kubeadm.k8s.io/v1beta3'],
    kind: 'ClusterConfiguration',
  },
};

/** Which configuration a ConfigMap holds, or null for any other ConfigMap (ignored). */
export function configMapRole(object: SourceObject): ConfigMapRole | null {
  const meta = object.fields.map('metadata');
  const ns = meta.string('namespace');
  const name = meta.string('name');
  if (ns === FLANNEL_NAMESPACE && name === FLANNEL_CONFIGMAP) return 'flannel';
  if (ns === COREDNS_NAMESPACE && name === COREDNS_NAME) return 'coredns';
  for (const role of ['kube-proxy', 'kubeadm'] as const)
    if (ns === EMBEDDED[role].namespace && name === EMBEDDED[role].name) return role;
  return null;
}

/**
 * The configuration object inside kube-system/kube-proxy or kubeadm-config, as a source object of its own
 * kind; null (reported) when it is missing, malformed or of another kind.
 */
export function embeddedConfiguration(
  object: SourceObject,
  role: 'kube-proxy' | 'kubeadm',
): SourceObject | null {
  const e = EMBEDDED[role];
  const data = object.fields.map('data');
  if (!data.has(e.key)) {
    data.warning(
      e.key,
      `no ${JSON.stringify(e.key)} key: ConfigMap ${e.namespace}/${e.name} gives no ${e.kind}, so the defaults are used`,
    );
    return null;
  }
  const fields = readEmbeddedObject(data, e.key);
  if (fields === null) return null;
  const apiVersion = fields.string('apiVersion');
  const kind = fields.string('kind');
  if (kind !== e.kind) {
    fields.error(
      'kind',
      `expected kind ${e.kind} in ${e.namespace}/${e.name} ${e.key}, got ${JSON.stringify(kind ?? '')}`,
    );
    return null;
  }
  if (apiVersion === null || !e.apiVersions.includes(apiVersion)) {
    fields.warning(
      'apiVersion',
      `${e.kind} ${JSON.stringify(apiVersion ?? '')} is not read (Podpath reads ${e.apiVersions.join(', ')}); the defaults are used`,
    );
    return null;
  }
  return { fields, apiVersion, kind };
}
