// The compiled signature index: every indicator of every signature in a hash map keyed by its normal
// form, domains by suffix and paths by ancestor (through a running hash, so that a walk allocates
// nothing), IPs by network prefix. An observation is matched through its match keys
// (src-shared/match-keys.ts): a few lookups each, whatever the number of signatures.
import { MATCH_KEY_KINDS, matchKeysOf, normalizeAddressText, type MatchKeyKind, type MatchKeys } from '../../src-shared/match-keys.js';
import type { Observation } from '../../src-shared/model.js';
import {
  normalizeDomain,
  normalizeFingerprint,
  normalizeIdentifier,
  normalizePath,
  normalizeProcessName,
  normalizeProgramName,
  normalizeSha256,
} from '../../src-shared/normal-forms.js';
import type { IndicatorKind, Signature } from '../../src-shared/signature-format.js';
import { networkKey, parseNetwork } from './ip.js';

export interface SignatureMatch {
  /** Position of the signature in `index.signatures`. */
  signature: number;
  indicator: IndicatorKind;
  /** The indicator as written in the signature (normalised). */
  value: string;
}

type Lookup = Map<string, number[]>;

/** Indicators looked up as they are, by the normal form observations' match keys use too. */
const EXACT_NORMALIZERS = {
  androidPackages: normalizeIdentifier,
  certificateSha1: normalizeFingerprint,
  certificateSha256: normalizeFingerprint,
  fileSha256: normalizeSha256,
  iosBundleIds: normalizeIdentifier,
  profileIdentifiers: normalizeIdentifier,
  processNames: normalizeProcessName,
  windowsServices: normalizeIdentifier,
  launchdLabels: normalizeIdentifier,
  programNames: normalizeProgramName,
} satisfies Partial<Record<IndicatorKind & MatchKeyKind, (value: string) => string>>;

type ExactKind = keyof typeof EXACT_NORMALIZERS;

interface DomainEntry {
  value: string;
  domains?: number[];
  websites?: number[];
}

interface PathEntry {
  value: string;
  signatures: number[];
}

const COMPUTER_PLATFORMS = new Set<string>(['windows', 'macos', 'linux']);

export class SignatureIndex {
  readonly signatures: readonly Signature[];
  /** Exact lookups by match-key tag (the position of the kind in MATCH_KEY_KINDS). */
  private readonly exact: (Lookup | undefined)[] = MATCH_KEY_KINDS.map((kind) => (kind in EXACT_NORMALIZERS ? new Map() : undefined));
  /** Domains and websites by the hash of their text read right to left. */
  private readonly domainSuffixes = new Map<number, DomainEntry[]>();
  /** Paths by the hash of their text read left to right. */
  private readonly pathPrefixes = new Map<number, PathEntry[]>();
  /** Whole addresses (the common case), looked up by their text without parsing. */
  private readonly addresses: Lookup = new Map();
  /** CIDR blocks, by network key. */
  private readonly networks: Lookup = new Map();
  /** The CIDR or address as the signature wrote it, by network key. */
  private readonly networkText = new Map<string, string>();
  private readonly prefixLengths: Record<4 | 6, number[]> = { 4: [], 6: [] };
  /** How many indicators were compiled. */
  readonly indicatorCount: number;

  constructor(signatures: readonly Signature[]) {
    this.signatures = signatures;
    let count = 0;
    const prefixes: Record<4 | 6, Set<number>> = { 4: new Set(), 6: new Set() };
    const exactLookup = (kind: ExactKind) => this.exact[MATCH_KEY_KINDS.indexOf(kind)]!;
    signatures.forEach((signature, position) => {
      for (const kind of Object.keys(EXACT_NORMALIZERS) as ExactKind[]) {
        for (const raw of signature.indicators[kind]) {
          add(exactLookup(kind), EXACT_NORMALIZERS[kind](raw), position);
          count += 1;
        }
      }
      for (const kind of ['domains', 'websites'] as const) {
        for (const raw of signature.indicators[kind]) {
          const value = normalizeDomain(raw);
          if (value === '') continue;
          const entries = entriesFor(this.domainSuffixes, hashRightToLeft(value));
          const entry = entries.find((candidate) => candidate.value === value) ?? pushed(entries, { value });
          addTo(entry, kind, position);
          count += 1;
        }
      }
      for (const raw of signature.indicators.filePaths) {
        const value = normalizePath(raw);
        if (value === '') continue;
        const entries = entriesFor(this.pathPrefixes, hashLeftToRight(value));
        const entry = entries.find((candidate) => candidate.value === value) ?? pushed(entries, { value, signatures: [] });
        if (entry.signatures.at(-1) !== position) entry.signatures.push(position);
        count += 1;
      }
      // A computer program registers itself under the product's name: the name and aliases count as program names.
      if (signature.platforms.some((platform) => COMPUTER_PLATFORMS.has(platform))) {
        const names = new Set([signature.name, ...signature.aliases].map(normalizeProgramName).filter((name) => name.length >= 3));
        for (const name of signature.indicators.programNames) names.delete(normalizeProgramName(name));
        for (const name of names) add(exactLookup('programNames'), name, position);
      }
      for (const raw of signature.indicators.ips) {
        const network = parseNetwork(raw);
        if (!network) continue;
        count += 1;
        if (network.prefix === (network.version === 4 ? 32 : 128)) {
          add(this.addresses, network.version === 4 ? Array.from(network.bytes).join('.') : canonicalAddress(raw.trim().split('/')[0]!, 6), position);
          continue;
        }
        prefixes[network.version].add(network.prefix);
        const key = networkKey(network.version, network.bytes, network.prefix);
        add(this.networks, key, position);
        this.networkText.set(key, raw.trim().toLowerCase());
      }
    });
    this.prefixLengths[4] = [...prefixes[4]].sort((a, b) => b - a);
    this.prefixLengths[6] = [...prefixes[6]].sort((a, b) => b - a);
    this.indicatorCount = count;
  }

  /** Appends to `out` every signature indicator these match keys show (src-shared/match-keys.ts). */
  matchKeys(keys: MatchKeys, out: SignatureMatch[]): void {
    for (let k = 0; k < keys.length; k += 2) {
      const tag = keys[k] as number;
      const value = keys[k + 1] as string;
      if (tag === DOMAIN_TAG) this.domain(value, out);
      else if (tag === PATH_TAG) this.path(value, out);
      else if (tag === IP_TAG) this.address(value, out);
      else {
        const lookup = this.exact[tag];
        if (lookup !== undefined && lookup.size > 0) SignatureIndex.record(lookup.get(value), MATCH_KEY_KINDS[tag]!, value, out);
      }
    }
  }

  /** Appends every indicator this observation shows, its match keys computed now (tests, tools). */
  matchObservation(observation: Pick<Observation, 'kind' | 'data'>, out: SignatureMatch[]): void {
    this.matchKeys(matchKeysOf(observation.kind, observation.data), out);
  }

  /** Looks one value up directly (the CLI and tests use it). */
  matchValue(kind: IndicatorKind, value: string): number[] {
    const out: SignatureMatch[] = [];
    if (kind === 'ips') this.address(normalizeAddressText(value), out);
    else if (kind === 'domains' || kind === 'websites') this.domain(normalizeDomain(value), out, kind);
    else if (kind === 'filePaths') this.path(normalizePath(value), out);
    else {
      const normalized = EXACT_NORMALIZERS[kind](value);
      SignatureIndex.record(this.exact[MATCH_KEY_KINDS.indexOf(kind)]?.get(normalized), kind, normalized, out);
    }
    return [...new Set(out.map((match) => match.signature))];
  }

  private static record(hits: readonly number[] | undefined, indicator: IndicatorKind, value: string, out: SignatureMatch[]): void {
    if (hits) for (const signature of hits) out.push({ signature, indicator, value });
  }

  /**
   * C2 domains and product websites in one walk over the suffixes, right to left: a.b.evil.com, b.evil.com,
   * evil.com — never the bare top-level domain. The suffix's hash grows one character at a time and each
   * candidate is compared in place, so the walk allocates nothing.
   */
  private domain(domain: string, out: SignatureMatch[], only?: 'domains' | 'websites'): void {
    if (this.domainSuffixes.size === 0 || domain === '') return;
    let hash = 0;
    let dots = 0;
    for (let i = domain.length - 1; i >= -1; i -= 1) {
      const code = i >= 0 ? domain.charCodeAt(i) : DOT;
      if (code === DOT) {
        if (dots > 0) {
          const candidates = this.domainSuffixes.get(hash);
          if (candidates !== undefined) {
            const length = domain.length - i - 1;
            for (const entry of candidates) {
              if (entry.value.length !== length || !domain.endsWith(entry.value)) continue;
              if (only !== 'websites') SignatureIndex.record(entry.domains, 'domains', entry.value, out);
              if (only !== 'domains') SignatureIndex.record(entry.websites, 'websites', entry.value, out);
            }
          }
        }
        dots += 1;
      }
      if (i >= 0) hash = step(hash, code);
    }
  }

  /** A path, and the folders that hold it (a path indicator naming a folder matches what is inside), left to right without allocating. */
  private path(path: string, out: SignatureMatch[]): void {
    if (this.pathPrefixes.size === 0 || path === '') return;
    let hash = 0;
    for (let i = 0; i <= path.length; i += 1) {
      const code = i < path.length ? path.charCodeAt(i) : SLASH;
      if (code === SLASH && i > 0) {
        const candidates = this.pathPrefixes.get(hash);
        if (candidates !== undefined) {
          for (const entry of candidates) if (entry.value.length === i && path.startsWith(entry.value)) SignatureIndex.record(entry.signatures, 'filePaths', entry.value, out);
        }
      }
      if (i < path.length) hash = step(hash, code);
    }
  }

  /** `text` is normalizeAddressText's: IPv4 as written, IPv6 in lower case. */
  private address(text: string, out: SignatureMatch[]): void {
    if (text === '') return;
    const version: 4 | 6 = text.includes(':') ? 6 : 4;
    const exact = this.addresses.get(version === 4 ? text : canonicalAddress(text, 6));
    if (exact) for (const signature of exact) out.push({ signature, indicator: 'ips', value: text });
    if (this.prefixLengths[version].length === 0) return;
    const network = parseNetwork(text);
    if (!network || network.prefix !== (network.version === 4 ? 32 : 128)) return;
    for (const prefix of this.prefixLengths[network.version]) {
      const key = networkKey(network.version, network.bytes, prefix);
      const hits = this.networks.get(key);
      if (hits) for (const signature of hits) out.push({ signature, indicator: 'ips', value: this.networkText.get(key) ?? key });
    }
  }
}

const DOT = 46;
const SLASH = 47;
const DOMAIN_TAG = MATCH_KEY_KINDS.indexOf('domains');
const PATH_TAG = MATCH_KEY_KINDS.indexOf('filePaths');
const IP_TAG = MATCH_KEY_KINDS.indexOf('ips');

/** One character into a running hash (FNV-1a's step, kept to a small integer so that map keys stay unboxed). */
function step(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193) & 0x3fffffff;
}

function hashRightToLeft(value: string): number {
  let hash = 0;
  for (let i = value.length - 1; i >= 0; i -= 1) hash = step(hash, value.charCodeAt(i));
  return hash;
}

function hashLeftToRight(value: string): number {
  let hash = 0;
  for (let i = 0; i < value.length; i += 1) hash = step(hash, value.charCodeAt(i));
  return hash;
}

/** One text per address: IPv4 as written, IPv6 in its compressed lower-case form. */
function canonicalAddress(address: string, version: 4 | 6): string {
  if (version === 4) return address;
  try {
    return new URL(`http://[${address}]/`).hostname.slice(1, -1);
  } catch {
    return address.toLowerCase();
  }
}

function add(lookup: Lookup, key: string, position: number): void {
  const existing = lookup.get(key);
  if (!existing) lookup.set(key, [position]);
  else if (existing.at(-1) !== position) existing.push(position);
}

function entriesFor<T>(table: Map<number, T[]>, hash: number): T[] {
  let entries = table.get(hash);
  if (!entries) table.set(hash, (entries = []));
  return entries;
}

function pushed<T>(entries: T[], entry: T): T {
  entries.push(entry);
  return entry;
}

function addTo(entry: DomainEntry, kind: 'domains' | 'websites', position: number): void {
  const list = (entry[kind] ??= []);
  if (list.at(-1) !== position) list.push(position);
}
