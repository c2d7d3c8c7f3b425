// -m recent --name N --set/--rcheck/--update/--remove [--seconds S] [--reap] (xt_recent): a per-namespace
// list of source addresses and when each was last seen. kube-proxy's iptables mode used it for
// sessionAffinity: ClientIP before v1.28 and still writes it for the --rcheck/--set pair.
import type { Match, MatchExtension, OptionWords } from '../extension';
import { RuleParseError } from '../extension';
import type { DrawRecord, MatchContext } from '../match-context';
import { valueOf } from '../words';

export type RecentAction = 'set' | 'rcheck' | 'update' | 'remove';

export class RecentMatch implements Match {
  readonly module = 'recent';
  constructor(
    readonly name: string,
    readonly action: RecentAction,
    readonly seconds: number | undefined,
    readonly reap: boolean,
  ) {}

  matches(ctx: MatchContext, _record: DrawRecord): boolean {
    let list = ctx.recent.lists.get(this.name);
    if (!list) {
      list = new Map();
      ctx.recent.lists.set(this.name, list);
    }
    const src = ctx.packet.ip.src;
    if (this.action === 'set') {
      list.set(src, ctx.now);
      return true;
    }
    const seen = list.get(src);
    if (this.action === 'remove') {
      list.delete(src);
      return seen !== undefined;
    }
    const fresh = seen !== undefined && (this.seconds === undefined || ctx.now - seen <= this.seconds);
    if (this.reap && seen !== undefined && !fresh) list.delete(src);
    if (fresh && this.action === 'update') list.set(src, ctx.now);
    return fresh;
  }

  save(): string {
    let out = ` -m recent --${this.action}`;
    if (this.seconds !== undefined) out += ` --seconds ${this.seconds}`;
    if (this.reap) out += ' --reap';
    return `${out} --name ${this.name} --mask 255.255.255.255 --rsource`;
  }
}

export const recent: MatchExtension<RecentMatch> = {
  names: ['recent'],
  // --rsource (track the source address) and --mask 255.255.255.255 are the defaults iptables-save prints
  // back; they are accepted so saved text restores, and no other mask is modelled.
  options: {
    '--mask': 1,
    '--name': 1,
    '--set': 0,
    '--rcheck': 0,
    '--update': 0,
    '--remove': 0,
    '--seconds': 1,
    '--reap': 0,
    '--rsource': 0,
  },
  parse(_name: string, options: readonly OptionWords[]): RecentMatch {
    let name: string | undefined;
    let action: RecentAction | undefined;
    let seconds: number | undefined;
    let reap = false;
    for (const o of options) {
      if (o.flag === '--name') name = valueOf(o);
      else if (o.flag === '--seconds') seconds = Number(valueOf(o));
      else if (o.flag === '--reap') reap = true;
      else if (o.flag === '--mask') {
        if (valueOf(o) !== '255.255.255.255')
          throw new RuleParseError(`-m recent --mask ${valueOf(o)}: only 255.255.255.255 is supported`);
      } else if (o.flag !== '--rsource') action = o.flag.slice(2) as RecentAction;
    }
    if (!name || !action) throw new RuleParseError('-m recent needs --name and an action');
    return new RecentMatch(name, action, seconds, reap);
  },
};
