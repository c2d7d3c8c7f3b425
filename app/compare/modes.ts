// The kube-proxy modes in the user's words: what each one is, and what Kubernetes says about it today
// (IPVS deprecated in v1.35, nftables GA in v1.33, userspace removed in v1.26).
import type { ProxyMode } from '../../engine';

export const COMPARABLE_MODES: readonly ProxyMode[] = ['iptables', 'nftables', 'ipvs', 'userspace'];
/** Side by side stays readable up to three columns. */
export const MAX_SIDE_BY_SIDE = 3;
export const IPVS_DEPRECATED = 'IPVS is deprecated since v1.35';

export function modeLabel(mode: ProxyMode): string {
  switch (mode) {
    case 'iptables':
      return 'iptables';
    case 'nftables':
      return 'nftables';
    case 'ipvs':
      return 'IPVS';
    case 'userspace':
      return 'userspace (legacy)';
    default: {
      const unknown: never = mode;
      return String(unknown);
    }
  }
}

/** A note to show wherever the mode appears, or null. */
export function modeNote(mode: ProxyMode): string | null {
  switch (mode) {
    case 'iptables':
      return 'the default: a linear walk of KUBE-SERVICES';
    case 'nftables':
      return 'GA since v1.33: one verdict-map lookup per Service';
    case 'ipvs':
      return IPVS_DEPRECATED;
    case 'userspace':
      return 'removed in v1.26';
    default: {
      const unknown: never = mode;
      return String(unknown);
    }
  }
}
