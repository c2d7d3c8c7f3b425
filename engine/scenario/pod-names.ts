// Names of the pods a Deployment creates, shaped like kube's: `<deployment>-<pod-template-hash>-<xxxxx>`.
// kube hashes the template with FNV-32a and draws the 5-character suffix from math/rand; Podpath needs the
// same name on every run, so both come from SHA-256 instead: the template hash from the template as read,
// the suffixes from a generator seeded by namespace, name and template hash.
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { sha256Ascii } from '../hash/sha256-ascii';
import { SeededRandom } from '../random';

/** apimachinery's rand alphabet: no vowels (no accidental words) and no 0/1/3 (no look-alikes). */
export const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const SUFFIX_LENGTH = 5;
/** SimpleNameGenerator: the generateName base is cut to 63 - 5 characters. */
const MAX_GENERATED_BASE = 63 - SUFFIX_LENGTH;

/** rand.SafeEncodeString: each byte picks a character of the safe alphabet. */
function safeEncode(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += SAFE_ALPHABET[b % SAFE_ALPHABET.length];
  return out;
}

/**
 * The `pod-template-hash` label. kube SafeEncodes the decimal text of a 32-bit hash (up to 10 characters);
 * this pads that text to 10 digits so every name has the same shape.
 */
export function podTemplateHash(canonicalTemplate: string): string {
  const digest = sha256Ascii(canonicalTemplate) ?? sha256(utf8ToBytes(canonicalTemplate));
  const value = ((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!) >>> 0;
  return safeEncode(utf8ToBytes(String(value).padStart(10, '0')));
}

/** Deterministic replacement for kube's random generateName suffixes of one ReplicaSet. */
export class PodNameGenerator {
  private readonly random: SeededRandom;
  private readonly base: string;
  private draws = 0;

  constructor(namespace: string, deployment: string, templateHash: string) {
    const seedText = `${namespace}/${deployment}/${templateHash}`;
    const digest = sha256Ascii(seedText) ?? sha256(utf8ToBytes(seedText));
    const seed = (digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!;
    this.random = new SeededRandom(seed);
    const base = `${deployment}-${templateHash}-`;
    this.base = base.length > MAX_GENERATED_BASE ? base.slice(0, MAX_GENERATED_BASE) : base;
  }

  /**
   * The next name not in `taken` (the API server refuses a taken name and the controller retries), with its
   * slot: how many names were drawn before it. A replica's slot does not change when another replica
   * becomes a Pod of its own (its name is then taken and skipped), so placement follows the slot.
   */
  next(held: HeldPodNames): { name: string; slot: number; suffix: string } {
    for (;;) {
      let suffix = '';
      for (let i = 0; i < SUFFIX_LENGTH; i++)
        suffix += SAFE_ALPHABET[this.random.int(0, SAFE_ALPHABET.length - 1)];
      const slot = this.draws++;
      if (!held.hasDrawn(this.base, suffix)) return { name: this.base + suffix, slot, suffix };
    }
  }

  /** Records a name `next` gave as held. */
  hold(held: HeldPodNames, suffix: string): void {
    held.addDrawn(this.base, suffix);
  }
}

/**
 * The pod names held in one namespace. A ReplicaSet's names are its base and a 5-character suffix, so two
 * drawn names can only be equal when their bases are: those are kept as suffixes per base, in small sets,
 * and every other name (bare pods, StatefulSet ordinals, DaemonSet pods) as itself. The same answers as
 * one set of all names, without hashing each of 150,000 replicas' names into one table that size.
 */
export class HeldPodNames {
  private readonly named = new Set<string>();
  private readonly drawn = new Map<string, Set<string>>();

  has(name: string): boolean {
    if (this.named.has(name)) return true;
    if (name.length < SUFFIX_LENGTH || this.drawn.size === 0) return false;
    const suffixes = this.drawn.get(name.slice(0, -SUFFIX_LENGTH));
    return suffixes !== undefined && suffixes.has(name.slice(-SUFFIX_LENGTH));
  }

  /** Whether the name `base` + `suffix` (a suffix of SUFFIX_LENGTH characters) is held. */
  hasDrawn(base: string, suffix: string): boolean {
    if (this.drawn.get(base)?.has(suffix)) return true;
    return this.named.size > 0 && this.named.has(base + suffix);
  }

  add(name: string): void {
    this.named.add(name);
  }

  addDrawn(base: string, suffix: string): void {
    let suffixes = this.drawn.get(base);
    if (suffixes === undefined) this.drawn.set(base, (suffixes = new Set()));
    suffixes.add(suffix);
  }
}
