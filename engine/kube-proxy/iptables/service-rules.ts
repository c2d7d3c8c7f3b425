// Everything one service port contributes to the payload, in syncProxyRules' order: first how traffic
// gets in (entry points or filter stand-ins), then the Service's own nat chains.
import type { CategorizedEndpoints } from '../categorize-endpoints';
import type { ServicePortInfo } from '../service-port';
import { writeEntryRules } from './entry-rules';
import type { RuleWriter } from './rule-writer';
import { type ServiceChainContext, writeServiceChains } from './service-chains';
import { planServicePort } from './service-plan';

export interface ServiceRuleContext extends ServiceChainContext {
  /** Localhost NodePorts on IPv4 with the nfacct counter present: the `-d 127.0.0.0/8` NodePort rule. */
  readonly localhostNodePortRule: boolean;
}

export function writeServicePortRules(
  w: RuleWriter,
  sp: ServicePortInfo,
  eps: CategorizedEndpoints,
  ctx: ServiceRuleContext,
): void {
  const plan = planServicePort(sp, eps);
  writeEntryRules(w, sp, plan, ctx.localhostNodePortRule);
  writeServiceChains(w, sp, eps, plan, ctx);
}
