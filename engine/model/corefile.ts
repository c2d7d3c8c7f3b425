// The Corefile CoreDNS runs, as the scenario model holds it: for each server block its zones and port,
// and the options of the plugins that shape an answer. The model keeps only these types; reading the
// Caddy syntax and kubeadm's default text is dns/corefile.ts's job.

export interface KubernetesPlugin {
  readonly zones: readonly string[];
  /** `pods`: disabled (the plugin default), insecure (kubeadm) or verified. */
  readonly pods: 'disabled' | 'insecure' | 'verified';
  /** `ttl`, 5 s by default (defaultTTL), at most 3600. */
  readonly ttl: number;
  /** `fallthrough [ZONES…]`: null when absent; [] means every zone. */
  readonly fallthrough: readonly string[] | null;
  readonly endpointPodNames: boolean;
  readonly ignoreEmptyService: boolean;
  /** `namespaces`: only these are exposed; [] means all. */
  readonly namespaces: readonly string[];
}

export interface HostsPlugin {
  readonly entries: readonly { readonly ip: string; readonly names: readonly string[] }[];
  readonly zones: readonly string[];
  /** `ttl`, 3600 s by default. */
  readonly ttl: number;
  readonly fallthrough: readonly string[] | null;
}

export interface ForwardPlugin {
  readonly from: string;
  readonly to: readonly string[];
}

export interface CachePlugin {
  readonly ttl: number;
  readonly disableSuccess: readonly string[];
  readonly disableDenial: readonly string[];
}

export interface ServerBlock {
  readonly zones: readonly string[];
  readonly port: number;
  /** Every directive, in the order written (for display). */
  readonly plugins: readonly string[];
  readonly kubernetes: KubernetesPlugin | null;
  readonly hosts: HostsPlugin | null;
  readonly forward: ForwardPlugin | null;
  readonly cache: CachePlugin | null;
}

export interface Corefile {
  readonly text: string;
  readonly servers: readonly ServerBlock[];
}
