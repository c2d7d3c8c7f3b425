import { describe, expect, it } from 'vitest';
import type { Netns, RouteEntry } from '../model/netns';
import { cidr, ipv4 } from '../net/ipv4';
import { renderIpRoute } from './ip-route';
import { eui64LinkLocal } from './ipv6-link-local';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const route = (dst: string, dev: string, extra: Partial<RouteEntry> = {}): RouteEntry => ({
  dst: cidr(dst),
  dev,
  scope: 'global',
  proto: 'boot',
  table: 'main',
  type: 'unicast',
  ...extra,
});

describe('ip route order', () => {
  it('is ascending by network, longest prefix first within one network, as the kernel dumped it', () => {
    // ip route add 10.244.0.0/24 dev d0; … /16 dev d0; … /20 via 10.0.0.9; 0.0.0.0/1 dev d0; default via 10.0.0.9
    const ns = {
      routes: [
        route('10.244.0.0/16', 'd0', { scope: 'link' }),
        route('0.0.0.0/0', 'd0', { gateway: ipv4('10.0.0.9') }),
        route('10.244.0.0/24', 'd0', { scope: 'link' }),
        route('10.0.0.0/8', 'd0', { scope: 'link', proto: 'kernel', src: ipv4('10.0.0.1') }),
        route('10.244.0.0/20', 'd0', { gateway: ipv4('10.0.0.9') }),
        route('0.0.0.0/1', 'd0', { scope: 'link' }),
      ],
    } as unknown as Netns;
    expect(renderIpRoute(ns)).toBe(readFileSync(join(__dirname, 'testdata', 'ip-route-order.txt'), 'utf8'));
  });
});

describe('IPv6 link-local addresses', () => {
  it('are EUI-64 with the U/L bit flipped, printed like inet_ntop', () => {
    expect(eui64LinkLocal('7e:a9:0d:96:eb:da')).toBe('fe80::7ca9:dff:fe96:ebda');
    expect(eui64LinkLocal('e2:6b:50:a9:0e:54')).toBe('fe80::e06b:50ff:fea9:e54');
    expect(eui64LinkLocal('02:00:00:00:00:01')).toBe('fe80::ff:fe00:1');
  });
});
