// The kube-proxy modes in the user's words, from the engine's list of modes (engine/model/proxy-mode.ts):
// what each one is, and what Kubernetes says about it today.
import { PROXY_MODE_NAMES, proxyModeInfo, type ProxyMode } from '../../engine';

/** Every mode the engine knows, in its order: the comparison's columns to choose from. */
export const COMPARABLE_MODES: readonly ProxyMode[] = PROXY_MODE_NAMES;
/** Side by side stays readable up to three columns. */
export const MAX_SIDE_BY_SIDE = 3;

export function modeLabel(mode: ProxyMode): string {
  return proxyModeInfo(mode).label;
}

/** A note to show wherever the mode appears, or null. */
export function modeNote(mode: ProxyMode): string | null {
  return proxyModeInfo(mode).note;
}

/** Why a mode should not be chosen for a new cluster, or null. */
export function modeDeprecation(mode: ProxyMode): string | null {
  return proxyModeInfo(mode).deprecation;
}
