// How traffic for one service port gets in: KUBE-SERVICES rules for the ClusterIP, externalIPs and LB
// IPs, KUBE-NODEPORTS rules for the NodePort, and the filter-table REJECT/DROP stand-ins when there are
// no (local) endpoints (proxier.go, "Capture clusterIP" to "Capture healthCheckNodePorts").
import { formatIpv4 } from '../../net/ipv4';
import type { ServicePortInfo } from '../service-port';
import {
  KUBE_EXTERNAL_SERVICES,
  KUBE_NODEPORTS,
  KUBE_PROXY_FIREWALL,
  KUBE_SERVICES,
  LOCALHOST_NODEPORTS_NFACCT,
} from './chain-names';
import { comment, quoted, type RuleWriter } from './rule-writer';
import type { ServicePortPlan } from './service-plan';

export function writeEntryRules(
  w: RuleWriter,
  sp: ServicePortInfo,
  plan: ServicePortPlan,
  localhostNodePortRule: boolean,
): void {
  const p = sp.proto;
  const name = sp.nameString;
  const dest = (ip: number): string[] => ['-m', p, '-p', p, '-d', formatIpv4(ip), '--dport', String(sp.port)];
  const { internalFilter, externalFilter, chains } = plan;

  // The ClusterIP.
  if (plan.hasInternalEndpoints) {
    const args = [...comment(quoted(`${name} cluster IP`)), ...dest(sp.clusterIP)];
    w.nat(KUBE_SERVICES, [...args, '-j', plan.internalTrafficChain]);
  } else {
    w.filter(KUBE_SERVICES, [
      ...comment(internalFilter.comment),
      ...dest(sp.clusterIP),
      '-j',
      internalFilter.target,
    ]);
  }

  // externalIPs.
  for (const ip of sp.externalIPs) {
    if (plan.hasEndpoints) {
      w.nat(KUBE_SERVICES, [...comment(quoted(`${name} external IP`)), ...dest(ip), '-j', chains.external]);
    }
    // No endpoints at all (REJECT), or none for external traffic (DROP what EXT did not short-circuit).
    if (!plan.hasExternalEndpoints) {
      w.filter(KUBE_EXTERNAL_SERVICES, [
        ...comment(externalFilter.comment),
        ...dest(ip),
        '-j',
        externalFilter.target,
      ]);
    }
  }

  // Load-balancer ingress IPs.
  for (const ip of sp.loadBalancerVIPs) {
    if (plan.hasEndpoints) {
      const args = [...comment(quoted(`${name} loadbalancer IP`)), ...dest(ip)];
      w.nat(KUBE_SERVICES, [...args, '-j', plan.loadBalancerTrafficChain]);
    }
    if (plan.usesFWChain) {
      const args = [...comment(quoted(`${name} traffic not accepted by ${chains.firewall}`)), ...dest(ip)];
      w.filter(KUBE_PROXY_FIREWALL, [...args, '-j', 'DROP']);
    }
  }
  if (!plan.hasExternalEndpoints) {
    for (const ip of sp.loadBalancerVIPs) {
      w.filter(KUBE_EXTERNAL_SERVICES, [
        ...comment(externalFilter.comment),
        ...dest(ip),
        '-j',
        externalFilter.target,
      ]);
    }
  }

  // The NodePort. NodePorts are not subject to loadBalancerSourceRanges, for better or worse.
  if (sp.nodePort !== 0) {
    const port = ['-m', p, '-p', p, '--dport', String(sp.nodePort)];
    if (plan.hasEndpoints) {
      if (localhostNodePortRule) {
        const args = [
          ...comment(name),
          '-m',
          p,
          '-p',
          p,
          '-d',
          '127.0.0.0/8',
          '--dport',
          String(sp.nodePort),
        ];
        args.push('-m', 'nfacct', '--nfacct-name', LOCALHOST_NODEPORTS_NFACCT, '-j', chains.external);
        w.nat(KUBE_NODEPORTS, args);
      }
      w.nat(KUBE_NODEPORTS, [...comment(name), ...port, '-j', chains.external]);
    }
    if (!plan.hasExternalEndpoints) {
      const args = [...comment(externalFilter.comment), '-m', 'addrtype', '--dst-type', 'LOCAL', ...port];
      w.filter(KUBE_EXTERNAL_SERVICES, [...args, '-j', externalFilter.target]);
    }
  }

  // The health-check NodePort is accepted whether or not there are local endpoints (always TCP).
  if (sp.healthCheckNodePort !== 0) {
    const args = [...comment(quoted(`${name} health check node port`)), '-m', 'tcp', '-p', 'tcp'];
    w.filter(KUBE_NODEPORTS, [...args, '--dport', String(sp.healthCheckNodePort), '-j', 'ACCEPT']);
  }
}
