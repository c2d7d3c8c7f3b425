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
import { DatapathContext, type NamespaceState, type Outcome, type Stages } from './context';
import { ruleText, routeText } from './describe';
import { devXmit, l2Arrive, wireXmit } from './device';
import { decapsulate, encapsulate } from './encapsulation';
import { runHook } from './hook-runner';
import { routeInput, ipReceive } from './ip-input';
import { forward, localOut, postroutingAndXmit } from './ip-output';
import { localDeliver, localIn } from './local-deliver';
import type { Packet } from '../net/packet';
import type { World } from './world';

export type { ErrorAnswer, NamespaceState, Outcome } from './context';
export { routeText, ruleText };

/** Every stage bound to one context: the kernel's path as one table. */
export function kernelStages(ctx: DatapathContext): Stages {
  return {
    localOut: (ns, skb) => localOut(ctx, ns, skb),
    ipReceive: (ns, inDev, skb) => ipReceive(ctx, ns, inDev, skb),
    routeInput: (ns, inDev, skb, context) => routeInput(ctx, ns, inDev, skb, context),
    forward: (ns, inDev, skb, route, nextHop) => forward(ctx, ns, inDev, skb, route, nextHop),
    localIn: (ns, skb, inDev) => localIn(ctx, ns, skb, inDev),
    localDeliver: (ns, skb, inDev) => localDeliver(ctx, ns, skb, inDev),
    postroutingAndXmit: (ns, skb, route, nextHop, inDev) =>
      postroutingAndXmit(ctx, ns, skb, route, nextHop, inDev),
    devXmit: (ns, dev, nextHop, packet) => devXmit(ctx, ns, dev, nextHop, packet),
    wireXmit: (ns, dev, frame) => wireXmit(ctx, ns, dev, frame),
    l2Arrive: (ns, devName, frame) => l2Arrive(ctx, ns, devName, frame),
    bridgeForward: (ns, bridge, inPort, frame) => bridgeForward(ctx, ns, bridge, inPort, frame),
    encapsulate: (ns, dev, nextHop, packet) => encapsulate(ctx, ns, dev, nextHop, packet),
    decapsulate: (ns, skb) => decapsulate(ctx, ns, skb),
    hook: (ns, hook, skb, inDev, outDev, recordedBefore) =>
      runHook(ctx, ns, hook, skb, inDev, outDev, recordedBefore),
  };
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
