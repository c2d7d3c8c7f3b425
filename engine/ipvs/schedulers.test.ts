// Each scheduler's choices over a small destination list, in kernel list order, as the kernel's
// ip_vs_<name>_schedule makes them.
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../random';
import { type Destination, hash32, MH_TABLE_SIZE, type SchedulerName, SchedulerState } from './schedulers';

function dests(weights: readonly number[]): Destination[] {
  return weights.map((weight, i) => ({
    address: 0x0af40000 + i + 2,
    port: 8080,
    weight,
    activeConns: 0,
    inactConns: 0,
  }));
}

/** Schedules `n` connections from distinct clients, counting each as a new TCP connection (inactive). */
function sequence(
  name: SchedulerName,
  weights: readonly number[],
  n: number,
  key = (i: number) => ({ src: 0xcb007100 + i, sport: 40000 + i, dst: 0x0a600050 }),
): number[] {
  const list = dests(weights);
  const s = SchedulerState.create(name, list, new SeededRandom(1), name === 'mh');
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const d = s.schedule(key(i));
    out.push(d ? list.indexOf(d) : -1);
    if (d) d.inactConns++;
  }
  return out;
}

describe('IPVS schedulers', () => {
  it('rr walks the list from its head, skipping weight 0', () => {
    expect(sequence('rr', [1, 1, 1], 7)).toEqual([0, 1, 2, 0, 1, 2, 0]);
    expect(sequence('rr', [1, 0, 1], 4)).toEqual([0, 2, 0, 2]);
  });

  it('wrr interleaves by weight: 3:1 gives three to the first per cycle', () => {
    expect(sequence('wrr', [3, 1], 8)).toEqual([0, 0, 0, 1, 0, 0, 0, 1]);
    expect(sequence('wrr', [1, 1, 1], 4)).toEqual([0, 1, 2, 0]);
    expect(sequence('wrr', [4, 3, 2], 9)).toEqual([0, 0, 1, 0, 1, 2, 0, 1, 2]);
  });

  it('lc and wlc pick the least loaded, the first in the list on a tie', () => {
    expect(sequence('lc', [1, 1, 1], 6)).toEqual([0, 1, 2, 0, 1, 2]);
    // wlc: overhead/weight compared by cross-multiplying; 2:1 weights take two of every three.
    expect(sequence('wlc', [2, 1], 6)).toEqual([0, 1, 0, 0, 1, 0]);
  });

  it('sed and nq count only active connections; nq takes an idle server first', () => {
    const list = dests([1, 3]);
    const sed = new SchedulerState('sed', list);
    const key = { src: 1, sport: 1, dst: 2 };
    // (0+1)*3 > (0+1)*1: the heavier server has the shorter expected delay.
    expect(sed.schedule(key)).toBe(list[1]);
    list[1]!.activeConns = 1;
    list[0]!.activeConns = 0;
    const nq = new SchedulerState('nq', list);
    expect(nq.schedule(key)).toBe(list[0]);
  });

  it('sh hashes the source address into 256 buckets dealt out in list order', () => {
    const src = 0xcb00710a;
    const bucket = hash32(src, 8);
    const picks = sequence('sh', [1, 1, 1], 3, () => ({ src, sport: 1, dst: 9 }));
    // The same client always lands on the same server: bucket mod 3 with weight 1 each.
    expect(picks).toEqual([bucket % 3, bucket % 3, bucket % 3]);
  });

  it('dh hashes the destination: every client of one VIP reaches the same server', () => {
    const picks = sequence('dh', [1, 1, 1], 5);
    expect(new Set(picks).size).toBe(1);
    expect(picks[0]).toBe(((Math.imul(0x0a600050, 2654435761) >>> 0) & 0xff) % 3);
  });

  it('mh (Maglev, 4093 slots) spreads clients and keeps each on one server', () => {
    expect(MH_TABLE_SIZE).toBe(4093);
    const picks = sequence('mh', [1, 1, 1], 60);
    expect(new Set(picks)).toEqual(new Set([0, 1, 2]));
    const again = sequence('mh', [1, 1, 1], 60);
    expect(again).toEqual(picks);
  });

  it('lblc keeps a destination address on its server until that server is overloaded', () => {
    const list = dests([1, 1]);
    const s = new SchedulerState('lblc', list);
    const key = { src: 1, sport: 1, dst: 7 };
    const first = s.schedule(key);
    first!.inactConns++;
    expect(s.schedule(key)).toBe(first);
    first!.activeConns = 2;
    expect(s.schedule(key)).toBe(list[1]);
  });

  it('no server with a weight: no choice', () => {
    expect(sequence('rr', [0, 0], 1)).toEqual([-1]);
    expect(sequence('sh', [0], 1)).toEqual([-1]);
  });
});
