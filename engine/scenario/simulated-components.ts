// Objects that install a component Podpath simulates itself: their pods are not read, but they are not
// "ignored" either. flannel's DaemonSet runs flanneld and installs its CNI plugin on every node (its
// settings come from the ConfigMap kube-flannel-cfg); kube-proxy's runs kube-proxy on every node (its
// settings from the ConfigMap kube-system/kube-proxy). Both names are those of the upstream manifests:
// flannel's kube-flannel.yml (namespace kube-flannel; kube-system before v0.20) and kubeadm's kube-proxy addon.
import type { SourceObject } from './source-objects';

export function simulatedComponentNote(object: SourceObject): string | null {
  if (object.apiVersion !== 'apps/v1' || object.kind !== 'DaemonSet') return null;
  const meta = object.fields.map('metadata');
  const ns = meta.string('namespace');
  const name = meta.string('name') ?? '';
  if ((ns === 'kube-flannel' || ns === 'kube-system') && /^kube-flannel-ds(-[a-z0-9]+)?$/.test(name))
    return `note: DaemonSet "${name}" runs flannel, which Podpath simulates on every node (flanneld, the flannel CNI plugin and its device) with the settings of ConfigMap ${ns}/kube-flannel-cfg; its pods are not listed`;
  if (ns === 'kube-system' && name === 'kube-proxy')
    return `note: DaemonSet "kube-proxy" runs kube-proxy, which Podpath simulates on every node with the settings of ConfigMap kube-system/kube-proxy; its pods are not listed`;
  return null;
}
