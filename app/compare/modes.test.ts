// The comparison's columns and words come from the engine's list of kube-proxy modes, not a list of the
// app's own: a mode the engine adds is a column here, with the engine's label, note and deprecation.
import { describe, expect, it } from 'vitest';
import { PROXY_MODE_NAMES, proxyModeInfo } from '../../engine';
import { DEFAULT_COMPARED_MODES, initialState } from '../store/store';
import { COMPARABLE_MODES, MAX_SIDE_BY_SIDE, modeDeprecation, modeLabel, modeNote } from './modes';

describe('the compared kube-proxy modes', () => {
  it('are the engine’s modes, in its order, in its words', () => {
    expect(COMPARABLE_MODES).toEqual(PROXY_MODE_NAMES);
    expect(COMPARABLE_MODES.map(modeLabel)).toEqual(['iptables', 'nftables', 'IPVS', 'userspace (legacy)']);
    for (const m of COMPARABLE_MODES) {
      expect(modeNote(m)).toBe(proxyModeInfo(m).note);
      expect(modeDeprecation(m)).toBe(proxyModeInfo(m).deprecation);
    }
    expect(modeDeprecation('ipvs')).toBe('IPVS is deprecated since v1.35');
  });

  it('start with the modes Kubernetes still runs, no more than fit side by side', () => {
    expect(DEFAULT_COMPARED_MODES).toEqual(
      PROXY_MODE_NAMES.filter((m) => proxyModeInfo(m).removed === null).slice(0, MAX_SIDE_BY_SIDE),
    );
    expect(DEFAULT_COMPARED_MODES).not.toContain('userspace');
    expect(initialState().compare.modes).toEqual(DEFAULT_COMPARED_MODES);
  });
});
