// The packet's walk through the kernels of the cluster, stage by stage as Linux does it:
//   socket → routing → OUTPUT → POSTROUTING → device xmit (veth / bridge / tunnel) → the peer device →
//   bridge (with br_netfilter's hooks) → PREROUTING → routing → FORWARD or INPUT → …
// Each stage lives in its own file and calls the next through the shared context; this class wires them
// together and is what traces use.
import type { Ipv4 } from '../net/ipv4';
import type { ConntrackEntry } from './conntrack';
import type { SeededRandom } from '../random';
import type { Direction, Hop } from './hop';
import { bridgeForward } from './bridge';
import { DatapathContext, type HookResult, type NamespaceState, type Outcome, type Stages } from './context';
import { ruleText, routeText } from './describe';
import { devXmit, l2Arrive, wireXmit } from './device';
import { decapsulate, encapsulate } from './encapsulation';
import { runHook } from './hook-runner';
import { routeInput, ipReceive } from './ip-input';
import { forward, localOut, postroutingAndXmit } from './ip-output';
import { localDeliver, localIn } from './local-deliver';
import type { Packet } from '../net/packet';
import type { NetDevice, Netns, RouteEntry } from '../model/netns';
import type { Hook } from './hook';
import type { Skb } from './skb';
import type { World } from './world';

export type { ErrorAnswer, NamespaceState, Outcome } from './context';
export { routeText, ruleText };

/**
 * Every stage bound to one context: the kernel's path as one table. A class, so a trace does not allocate
 * a closure per stage (its methods live on the prototype); a test replaces a stage by assigning over it.
 */
class KernelStages implements Stages {
  constructor(private readonly ctx: DatapathContext) {}
  localOut(ns: Netns, skb: Skb): Outcome {
    return localOut(this.ctx, ns, skb);
  }
  ipReceive(ns: Netns, inDev: string, skb: Skb): Outcome {
    return ipReceive(this.ctx, ns, inDev, skb);
  }
  routeInput(ns: Netns, inDev: string, skb: Skb, context: string): Outcome {
    return routeInput(this.ctx, ns, inDev, skb, context);
  }
  forward(ns: Netns, inDev: string, skb: Skb, route: RouteEntry, nextHop: Ipv4): Outcome {
    return forward(this.ctx, ns, inDev, skb, route, nextHop);
  }
  localIn(ns: Netns, skb: Skb, inDev: string): Outcome {
    return localIn(this.ctx, ns, skb, inDev);
  }
  localDeliver(ns: Netns, skb: Skb, inDev: string): Outcome {
    return localDeliver(this.ctx, ns, skb, inDev);
  }
  postroutingAndXmit(ns: Netns, skb: Skb, route: RouteEntry, nextHop: Ipv4, inDev: string | null): Outcome {
    return postroutingAndXmit(this.ctx, ns, skb, route, nextHop, inDev);
  }
  devXmit(ns: Netns, dev: NetDevice, nextHop: Ipv4, packet: Packet): Outcome {
    return devXmit(this.ctx, ns, dev, nextHop, packet);
  }
  wireXmit(ns: Netns, dev: NetDevice, frame: Packet): Outcome {
    return wireXmit(this.ctx, ns, dev, frame);
  }
  l2Arrive(ns: Netns, devName: string, frame: Packet): Outcome {
    return l2Arrive(this.ctx, ns, devName, frame);
  }
  bridgeForward(ns: Netns, bridge: NetDevice, inPort: NetDevice | null, frame: Packet): Outcome {
    return bridgeForward(this.ctx, ns, bridge, inPort, frame);
  }
  encapsulate(ns: Netns, dev: NetDevice, nextHop: Ipv4, packet: Packet): Outcome {
    return encapsulate(this.ctx, ns, dev, nextHop, packet);
  }
  decapsulate(ns: Netns, skb: Skb): Outcome | undefined {
    return decapsulate(this.ctx, ns, skb);
  }
  hook(
    ns: Netns,
    hook: Hook,
    skb: Skb,
    inDev: string | null,
    outDev: string | null,
    recordedBefore?: Packet,
  ): HookResult {
    return runHook(this.ctx, ns, hook, skb, inDev, outDev, recordedBefore);
  }
}

export function kernelStages(ctx: DatapathContext): Stages {
  return new KernelStages(ctx);
}

export class Datapath {
  private readonly ctx: DatapathContext;

  constructor(world: World, random: SeededRandom) {
    this.ctx = new DatapathContext(world, random);
    this.ctx.stages = kernelStages(this.ctx);
  }

  get hops(): Hop[] {
    return this.ctx.hops;
  }

  /** Simulated clock (seconds) for `recent --seconds` and set timeouts. */
  get now(): number {
    return this.ctx.now;
  }

  set now(seconds: number) {
    this.ctx.now = seconds;
  }

  state(nsId: string): NamespaceState {
    return this.ctx.state(nsId);
  }

  setDirection(direction: Direction): void {
    this.ctx.direction = direction;
  }

  /** Registers the connecting socket, so the reply is delivered to it (connect() bound ip:port). */
  openClientSocket(
    nsId: string,
    proto: string,
    ip: Ipv4,
    port: number,
    remote: Ipv4,
    remotePort: number,
  ): void {
    this.ctx.openClientSocket(nsId, proto, ip, port, remote, remotePort);
  }

  /** A socket in `nsId` sends `packet` (addresses already chosen); the local output path takes it. */
  send(nsId: string, packet: Packet, why: string, attachedCt?: ConntrackEntry): Outcome {
    this.ctx.startPacket();
    const ns = this.ctx.world.netns(nsId);
    this.ctx.record(ns, '-', 'send', packet, packet, why);
    const ct = attachedCt
      ? { entry: attachedCt, direction: 'reply' as const, isNew: false, related: true }
      : null;
    return this.ctx.stages.localOut(ns, { packet, ct });
  }
}
