// The five netfilter hooks of IPv4 (NF_INET_PRE_ROUTING … NF_INET_POST_ROUTING) and the hop each records.
import type { HopKind } from './hop';

export type Hook = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';

export const HOOK_KIND: Readonly<Record<Hook, HopKind>> = {
  PREROUTING: 'prerouting',
  INPUT: 'input',
  FORWARD: 'forward',
  OUTPUT: 'output',
  POSTROUTING: 'postrouting',
};
