// The glibc stub resolver's search (resolv/res_query.c __res_context_search), as getaddrinfo drives it:
//  - a name ending in `.` is asked as it is, and only that;
//  - a name with at least `ndots` dots is asked as it is first;
//  - then each search domain in order, moving on after NXDOMAIN, NODATA or SERVFAIL and stopping at any
//    other failure (a timeout);
//  - a name not yet asked as it is, is asked last;
//  - a search candidate too long for a DNS message (over 255 bytes on the wire) is never sent: building the
//    query fails with NO_RECOVERY, which ends the search list, and the name is then asked as it is
//    (checked against glibc 2.36: a 247-character name gives just A and AAAA for the name itself).
// getaddrinfo(AF_UNSPEC) asks A and AAAA together for each candidate, on one socket; a candidate succeeds
// when either has an answer. `single-request` only serialises them, the sequence stays the same.
import { wireLength } from './names';
import type { DnsAnswer, RRType } from './records';

/** One exchange with the nameserver: the answer, or null when none came back (a timeout). */
export type Exchange = (name: string, type: RRType, candidate: number) => DnsAnswer | null;

export interface SearchStep {
  readonly name: string;
  readonly type: RRType;
  readonly answer: DnsAnswer | null;
}

export interface SearchResult {
  readonly steps: readonly SearchStep[];
  /** The candidate that answered (fully qualified), or null when every one failed. */
  readonly resolved: string | null;
  /** getaddrinfo's failure: EAI_NONAME (not found) or EAI_AGAIN (no answer from the server). */
  readonly failure: 'EAI_NONAME' | 'EAI_AGAIN' | null;
}

/** The names glibc would ask, in order, if every one failed with NXDOMAIN. */
export function searchCandidates(name: string, searches: readonly string[], ndots: number): string[] {
  if (name.endsWith('.')) return [name];
  const dots = (name.match(/\./g) ?? []).length;
  const absolute = `${name}.`;
  const searched = searches.map((d) => `${name}.${d.replace(/\.$/, '')}.`);
  return dots >= ndots ? [absolute, ...searched] : [...searched, absolute];
}

export function glibcSearch(
  name: string,
  searches: readonly string[],
  ndots: number,
  types: readonly RRType[],
  exchange: Exchange,
): SearchResult {
  const steps: SearchStep[] = [];
  const candidates = searchCandidates(name, searches, ndots);
  let timedOut = false;
  const absolute = name.endsWith('.') ? name : `${name}.`;
  let triedAsIs = false;
  for (const [i, candidate] of candidates.entries()) {
    if (candidate !== absolute && wireLength(candidate) > 255) {
      if (triedAsIs) break;
      // Skip the rest of the search list and ask the name as it is (the loop's last candidate).
      const last = candidates.length - 1;
      if (candidates[last] !== absolute) break;
      return finishAsIs(absolute, last, types, exchange, steps);
    }
    if (candidate === absolute) triedAsIs = true;
    const answers = types.map((type) => {
      const answer = exchange(candidate, type, i);
      steps.push({ name: candidate, type, answer });
      return answer;
    });
    if (answers.some((a) => a !== null && a.rcode === 'NOERROR' && a.answer.length > 0))
      return { steps, resolved: candidate, failure: null };
    // NXDOMAIN, NODATA and SERVFAIL move on to the next candidate; a timeout ends the search.
    if (answers.every((a) => a === null)) {
      timedOut = true;
      break;
    }
  }
  return { steps, resolved: null, failure: timedOut ? 'EAI_AGAIN' : 'EAI_NONAME' };
}

function finishAsIs(
  absolute: string,
  index: number,
  types: readonly RRType[],
  exchange: Exchange,
  steps: SearchStep[],
): SearchResult {
  const answers = types.map((type) => {
    const answer = exchange(absolute, type, index);
    steps.push({ name: absolute, type, answer });
    return answer;
  });
  if (answers.some((a) => a !== null && a.rcode === 'NOERROR' && a.answer.length > 0))
    return { steps, resolved: absolute, failure: null };
  return { steps, resolved: null, failure: answers.every((a) => a === null) ? 'EAI_AGAIN' : 'EAI_NONAME' };
}
