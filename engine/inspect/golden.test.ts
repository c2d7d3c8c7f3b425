// The renderers against what iproute2 printed for the same cluster on a real kernel. The files in
// ./testdata come from kernel-lab.sh (iproute2 6.1.0, kernel 6.18), which builds labScenario() in
// throwaway namespaces with the engine's own names, MACs and ifindexes; these specs need no root.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allocatePodAddresses } from '../cni/allocate';
import { buildNodeNetns } from '../topology/node-netns';
import { buildPodNetns } from '../topology/pod-netns';
import { labScenario } from '../topology/test-fixture';
import { buildUnderlayNetns } from '../topology/underlay-netns';
import { renderBridgeFdb } from './bridge-fdb';
import { type PeerNetnsLabel, renderIpAddr } from './ip-addr';
import { renderIpNeigh } from './ip-neigh';
import { renderIpRoute } from './ip-route';

const golden = (name: string): string => readFileSync(join(__dirname, 'testdata', name), 'utf8');

// In the lab every namespace is named `pp-cni-check-…`, so iproute2 prints names, not nsids.
const LAB_NAMES: Record<string, string> = {
  'node/node1': 'pp-cni-check-node1',
  'node/node2': 'pp-cni-check-node2',
  'pod/default/web': 'pp-cni-check-pod1',
  underlay: 'pp-cni-check-ul',
};
const peerNetns = (id: string): PeerNetnsLabel => ({ name: LAB_NAMES[id]! });

const scenario = labScenario();
const alloc = allocatePodAddresses(scenario);
const namespaces = {
  node1: buildNodeNetns(scenario, alloc, 'node1'),
  node2: buildNodeNetns(scenario, alloc, 'node2'),
  pod1: buildPodNetns(scenario, alloc, 'default/web'),
  ul: buildUnderlayNetns(scenario, []),
};

describe('iproute2 output matches the kernel lab', () => {
  for (const [short, ns] of Object.entries(namespaces)) {
    it(`ip addr in ${ns.id}`, () => {
      expect(renderIpAddr(ns, { peerNetns })).toBe(golden(`ip-addr-${short}.txt`));
    });
    it(`ip route in ${ns.id}`, () => {
      expect(renderIpRoute(ns)).toBe(golden(`ip-route-${short}.txt`));
    });
    it(`ip neigh in ${ns.id}`, () => {
      expect(renderIpNeigh(ns)).toBe(golden(`ip-neigh-${short}.txt`));
    });
  }

  it('bridge fdb show dev flannel.1 on node1', () => {
    expect(renderBridgeFdb(namespaces.node1, { dev: 'flannel.1' })).toBe(
      golden('bridge-fdb-flannel.1-node1.txt'),
    );
  });

  it('the permanent cni0 entries on node1 are the ones the kernel lists (multicast and learned ones aside)', () => {
    const kernel = golden('bridge-fdb-br-cni0-node1.txt')
      .split('\n')
      .filter((l) => l.includes(' master cni0 permanent'));
    expect(
      renderBridgeFdb(namespaces.node1)
        .split('\n')
        .filter((l) => l.includes('master cni0')),
    ).toEqual(kernel);
  });
});
