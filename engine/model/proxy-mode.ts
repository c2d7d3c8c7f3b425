// The kube-proxy modes the simulator knows, by their KubeProxyConfiguration `mode:` value, in the order the
// app and the CLI list them, with what Kubernetes says of each today. This is the lowest layer that needs a
// mode's name (KubeProxySettings) and the only part of a mode the page itself needs (labels and notes in
// the comparison), so it is plain data here; what each mode does is its driver in
// engine/kube-proxy/modes.ts, a Record over these names, so the compiler names whatever a new mode lacks.

export interface ProxyModeInfo {
  /** The mode in the user's words (`IPVS`, `userspace (legacy)`). */
  readonly label: string;
  /** One line on what the mode is or its standing in Kubernetes, shown wherever the mode is named. */
  readonly note: string;
  /** Set when Kubernetes deprecated the mode: shown above its rules and beside it in comparisons. */
  readonly deprecation: string | null;
  /**
   * Set when current kube-proxy refuses the mode (it was removed): the loader warns with this and simulates
   * the mode as it behaved, and it is left out of the values kube-proxy's validation lists.
   */
  readonly removed: string | null;
}

export const PROXY_MODE_INFO = {
  iptables: {
    label: 'iptables',
    note: 'the default: a linear walk of KUBE-SERVICES',
    deprecation: null,
    removed: null,
  },
  nftables: {
    label: 'nftables',
    note: 'GA since v1.33: one verdict-map lookup per Service',
    deprecation: null,
    removed: null,
  },
  ipvs: {
    label: 'IPVS',
    note: 'IPVS is deprecated since v1.35',
    deprecation: 'IPVS is deprecated since v1.35',
    removed: null,
  },
  userspace: {
    label: 'userspace (legacy)',
    note: 'removed in v1.26',
    deprecation: null,
    removed: 'the userspace proxy mode was removed in Kubernetes v1.26; simulating it as it behaved before',
  },
} as const satisfies Readonly<Record<string, ProxyModeInfo>>;

export type ProxyMode = keyof typeof PROXY_MODE_INFO;

export const PROXY_MODE_NAMES = Object.keys(PROXY_MODE_INFO) as readonly ProxyMode[];

export function isProxyMode(name: string): name is ProxyMode {
  return Object.hasOwn(PROXY_MODE_INFO, name);
}

export function proxyModeInfo(mode: ProxyMode): ProxyModeInfo {
  return PROXY_MODE_INFO[mode];
}

/** The values current kube-proxy's validation accepts (the modes not removed), sorted as its message lists them. */
export function supportedProxyModes(): readonly ProxyMode[] {
  return PROXY_MODE_NAMES.filter((m) => PROXY_MODE_INFO[m].removed === null).sort();
}
