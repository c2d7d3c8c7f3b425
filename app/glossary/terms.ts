// The glossary: one sentence for every term the panels and lessons use. `kernel` marks the words a lesson
// must put in bold the first time it uses them (a unit test checks the lessons against this list).
import type { Term } from './entry';
import { NETWORK_TERMS } from './network-terms';
import { SERVICE_TERMS } from './service-terms';

export type { Term } from './entry';

export const GLOSSARY: readonly Term[] = [
  ...NETWORK_TERMS,
  ...SERVICE_TERMS,
  // Trace words
  {
    term: 'hop',
    means: 'One step of the packet through the kernel: a device, a hook, a routing decision or a delivery.',
  },
  { term: 'send', means: 'A program hands the packet to the kernel.' },
  {
    term: 'deliver',
    aliases: ['delivered'],
    means: 'The packet reaches a socket that was listening for it.',
  },
  { term: 'wire', means: 'The packet is on a cable between two devices.' },
  { term: 'request', means: 'The packets going from the client to the server.' },
  { term: 'reply', means: 'The packets coming back from the server to the client.' },
  {
    term: 'seed',
    means: 'The number that fixes the random choices, so the same seed always gives the same trace.',
  },
  {
    term: 'TTL',
    aliases: ['ttl'],
    means: 'Time to live: each router lowers it by one; at zero the packet is discarded.',
  },
  {
    term: 'proto',
    aliases: ['protocol'],
    means:
      "The IPv4 header's protocol number: what the payload is (6 TCP, 17 UDP, 4 an inner IPv4 packet, IP-in-IP).",
  },
  {
    term: 'DF',
    means: 'The "do not fragment" flag: a packet too big for the next device is refused instead of split.',
  },
  { term: 'verdict', means: 'What happened to the packet in the end: delivered, dropped or rejected.' },
];

const byName = new Map<string, Term>();
for (const t of GLOSSARY) {
  byName.set(t.term.toLowerCase(), t);
  for (const a of t.aliases ?? []) if (!byName.has(a.toLowerCase())) byName.set(a.toLowerCase(), t);
}

/** The entry for a term or one of its aliases (case-insensitive); KUBE-SVC-ABC… finds KUBE-SVC. */
export function lookupTerm(name: string): Term | undefined {
  const key = name.trim().toLowerCase();
  return byName.get(key) ?? byName.get(key.replace(/-[0-9a-z]{16}$/, ''));
}
