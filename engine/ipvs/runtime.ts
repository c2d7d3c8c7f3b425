// What one node's IPVS learns as packets pass (ip_vs_conn.c, ip_vs_core.c ip_vs_schedule and
// ip_vs_sched_persist): per virtual service the scheduler's state and the real servers' connection
// counters, and the persistence templates that pin a client to a real server for the service's timeout.
import type { SeededRandom } from '../random';
import { type Destination, SchedulerState } from './schedulers';
import { type RealServer, type VirtualService, virtualServiceKey } from './table';

export interface IpvsChoice {
  readonly realServer: RealServer;
  /** How it was chosen: by the scheduler, or by an existing persistence template. */
  readonly how: 'scheduled' | 'persistent';
  /** Set when a persistence template was created for this client. */
  readonly templateCreated: boolean;
}

interface ServiceRuntime {
  readonly sched: SchedulerState;
  readonly byServer: Map<RealServer, Destination>;
}

export class IpvsRuntime {
  private readonly services = new Map<VirtualService, ServiceRuntime>();
  /** Persistence templates: `service client` → real server and expiry time (seconds). */
  private readonly templates = new Map<string, { readonly rs: RealServer; readonly expires: number }>();

  constructor(private readonly random: SeededRandom) {}

  private service(vs: VirtualService): ServiceRuntime {
    let s = this.services.get(vs);
    if (!s) {
      const byServer = new Map<RealServer, Destination>();
      const dests = vs.destinations.map((rs) => {
        const d: Destination = {
          address: rs.address,
          port: rs.port,
          weight: rs.weight,
          activeConns: 0,
          inactConns: 0,
        };
        byServer.set(rs, d);
        return d;
      });
      const sched = SchedulerState.create(
        vs.scheduler,
        dests,
        this.random,
        vs.schedFlags.includes('mh-port'),
      );
      if ((vs.scheduler === 'rr' || vs.scheduler === 'wrr') && dests.length > 0) {
        // Earlier connections to this service moved the round-robin position; how many there were is not
        // known, so the position is drawn from the seed (as iptables mode's probabilities are).
        sched.last = this.random.int(0, dests.length) - 1;
      }
      s = { sched, byServer };
      this.services.set(vs, s);
    }
    return s;
  }

  /**
   * ip_vs_schedule for the first packet of a connection from src:sport. With persistence the client's
   * template is looked up first (ip_vs_sched_persist), and created when the scheduler had to choose.
   */
  schedule(
    vs: VirtualService,
    src: number,
    sport: number,
    dst: number,
    proto: string,
    now: number,
  ): IpvsChoice | null {
    const s = this.service(vs);
    const key = `${virtualServiceKey(vs.protocol, vs.address, vs.port)} ${src >>> 0}`;
    let rs: RealServer | undefined;
    let how: IpvsChoice['how'] = 'scheduled';
    let templateCreated = false;
    if (vs.persistentTimeout !== null) {
      const t = this.templates.get(key);
      if (t && t.expires > now && vs.destinations.includes(t.rs) && t.rs.weight > 0) {
        rs = t.rs;
        how = 'persistent';
      }
    }
    if (!rs) {
      const d = s.sched.schedule({ src, sport, dst });
      if (!d) return null;
      rs = vs.destinations.find((r) => s.byServer.get(r) === d)!;
      if (vs.persistentTimeout !== null) {
        this.templates.set(key, { rs, expires: now + vs.persistentTimeout });
        templateCreated = true;
      }
    }
    // ip_vs_bind_dest: a TCP connection becomes inactive at once (its SYN puts it in SYN_RECV), a UDP
    // one counts as active.
    const dest = s.byServer.get(rs)!;
    if (proto === 'tcp') dest.inactConns++;
    else dest.activeConns++;
    return { realServer: rs, how, templateCreated };
  }

  counters(vs: VirtualService, rs: RealServer): { active: number; inactive: number } {
    const d = this.services.get(vs)?.byServer.get(rs);
    return { active: d?.activeConns ?? 0, inactive: d?.inactConns ?? 0 };
  }
}
