// The compiled signature index: every indicator of every signature in a hash map keyed by its normal
// form, domains and paths by suffix/ancestor, IPs by network prefix. Matching an observation costs a few
// map lookups, so matching is linear in the number of observations whatever the number of signatures.
import type { Observation } from '../../src-shared/model.js';
import type { IndicatorKind, Signature } from '../../src-shared/signature-format.js';
import { networkKey, parseNetwork } from './ip.js';
import {
  normalizeDomain,
  normalizeFingerprint,
  normalizeIdentifier,
  normalizePath,
  normalizeProcessName,
  normalizeProgramName,
  normalizeSha256,
} from './normalize.js';

export interface SignatureMatch {
  /** Position of the signature in `index.signatures`. */
  signature: number;
  indicator: IndicatorKind;
  /** The indicator as written in the signature (normalised). */
  value: string;
}

type Lookup = Map<string, number[]>;

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
  domains: normalizeDomain,
  websites: normalizeDomain,
  filePaths: normalizePath,
  programNames: normalizeProgramName,
} satisfies Partial<Record<IndicatorKind, (value: string) => string>>;

type MappedKind = keyof typeof EXACT_NORMALIZERS;

const COMPUTER_PLATFORMS = new Set<string>(['windows', 'macos', 'linux']);

export class SignatureIndex {
  readonly signatures: readonly Signature[];
  private readonly lookups = Object.fromEntries(Object.keys(EXACT_NORMALIZERS).map((kind) => [kind, new Map()])) as Record<MappedKind, Lookup>;
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
    signatures.forEach((signature, position) => {
      for (const kind of Object.keys(EXACT_NORMALIZERS) as MappedKind[]) {
        const lookup = this.lookups[kind];
        for (const raw of signature.indicators[kind]) {
          add(lookup, EXACT_NORMALIZERS[kind](raw), position);
          count += 1;
        }
      }
      // A computer program registers itself under the product's name: the name and aliases count as program names.
      if (signature.platforms.some((platform) => COMPUTER_PLATFORMS.has(platform))) {
        const names = new Set([signature.name, ...signature.aliases].map(normalizeProgramName).filter((name) => name.length >= 3));
        for (const name of signature.indicators.programNames) names.delete(normalizeProgramName(name));
        for (const name of names) add(this.lookups.programNames, name, position);
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

  /** Appends to `out` every signature indicator this observation shows. */
  matchObservation(observation: Pick<Observation, 'kind' | 'data'>, out: SignatureMatch[]): void {
    // Each branch calls its normaliser directly: this runs for every observation of a scan.
    const data = observation.data;
    const lookups = this.lookups;
    switch (observation.kind) {
      case 'android.package':
        this.identifier(lookups.androidPackages, 'androidPackages', data.packageName, out);
        if (lookups.certificateSha1.size > 0) this.fingerprints(lookups.certificateSha1, 'certificateSha1', data.certSha1, out);
        if (lookups.certificateSha256.size > 0) this.fingerprints(lookups.certificateSha256, 'certificateSha256', data.certSha256, out);
        this.sha256(data.apkSha256, out);
        break;
      case 'android.accessibility-service':
      case 'android.device-admin':
      case 'android.notification-listener':
        this.identifier(lookups.androidPackages, 'androidPackages', data.packageName, out);
        break;
      case 'process': {
        const name = typeof data.name === 'string' ? normalizeProcessName(data.name) : '';
        this.processName(name, out);
        if (data.platform === 'android' && typeof data.name === 'string') this.identifier(lookups.androidPackages, 'androidPackages', data.name.split(':')[0], out);
        if (typeof data.executable === 'string') {
          const executable = normalizeProcessName(data.executable);
          if (executable !== name) this.processName(executable, out);
        }
        this.path(data.executable, out);
        this.sha256(data.sha256, out);
        break;
      }
      case 'ios.app':
        this.identifier(lookups.iosBundleIds, 'iosBundleIds', data.bundleId, out);
        break;
      case 'ios.data-usage':
        // `UUID/com.example.app` or a daemon's name: the process name, and the app it belongs to.
        if (typeof data.process === 'string') this.processName(normalizeProcessName(data.process.split('/').at(-1) ?? data.process), out);
        this.identifier(lookups.iosBundleIds, 'iosBundleIds', data.bundleId, out);
        break;
      case 'ios.permission':
        this.identifier(lookups.iosBundleIds, 'iosBundleIds', data.client, out);
        break;
      case 'ios.profile':
      case 'macos.profile':
        this.identifier(lookups.profileIdentifiers, 'profileIdentifiers', data.identifier, out);
        if (Array.isArray(data.payloads)) for (const payload of data.payloads) this.identifier(lookups.profileIdentifiers, 'profileIdentifiers', (payload as { identifier?: unknown }).identifier, out);
        break;
      case 'network.domain':
        // A C2 domain counts as one wherever it was seen, browsing history included (a visit to the spy's
        // control panel): detection says how strong each kind of evidence is.
        this.domain(data.domain, out);
        break;
      case 'network.address':
        this.address(data.ip, out);
        break;
      case 'persistence':
        if (typeof data.executable === 'string') this.processName(normalizeProcessName(data.executable), out);
        this.path(data.executable, out);
        if (data.mechanism === 'launch-agent' || data.mechanism === 'launch-daemon') this.identifier(lookups.launchdLabels, 'launchdLabels', data.label, out);
        if (data.mechanism === 'service') this.identifier(lookups.windowsServices, 'windowsServices', data.label ?? data.name, out);
        break;
      case 'program':
        if (typeof data.name === 'string' && lookups.programNames.size > 0) {
          const name = normalizeProgramName(data.name);
          SignatureIndex.record(lookups.programNames.get(name), 'programNames', name, out);
        }
        this.path(data.location, out);
        break;
      case 'file':
        this.path(data.path, out);
        this.sha256(data.sha256, out);
        break;
      default:
        break;
    }
  }

  /** Looks one value up directly (the CLI and tests use it). */
  matchValue(kind: IndicatorKind, value: string): number[] {
    const out: SignatureMatch[] = [];
    if (kind === 'ips') this.address(value, out);
    else if (kind === 'domains' || kind === 'websites') this.domain(value, out, kind);
    else if (kind === 'filePaths') this.path(value, out);
    else if (kind === 'processNames') this.processName(normalizeProcessName(value), out);
    else if (kind === 'programNames') SignatureIndex.record(this.lookups.programNames.get(normalizeProgramName(value)), kind, value, out);
    else if (kind === 'fileSha256') this.sha256(normalizeSha256(value), out);
    else if (kind === 'certificateSha1' || kind === 'certificateSha256') this.fingerprints(this.lookups[kind], kind, [normalizeFingerprint(value)], out);
    else this.identifier(this.lookups[kind], kind, value, out);
    return [...new Set(out.map((match) => match.signature))];
  }

  private static record(hits: number[] | undefined, indicator: IndicatorKind, value: string, out: SignatureMatch[]): void {
    if (hits) for (const signature of hits) out.push({ signature, indicator, value });
  }

  private identifier(lookup: Lookup, kind: IndicatorKind, raw: unknown, out: SignatureMatch[]): void {
    if (typeof raw !== 'string' || lookup.size === 0) return;
    const value = normalizeIdentifier(raw);
    SignatureIndex.record(lookup.get(value), kind, value, out);
  }

  /** Observation schemas store fingerprints in normal form already (src-shared/normal-forms.ts). */
  private fingerprints(lookup: Lookup, kind: IndicatorKind, values: unknown, out: SignatureMatch[]): void {
    if (!Array.isArray(values)) return;
    for (const value of values) if (typeof value === 'string') SignatureIndex.record(lookup.get(value), kind, value, out);
  }

  /** Observation schemas store hashes in normal form already. */
  private sha256(value: unknown, out: SignatureMatch[]): void {
    const lookup = this.lookups.fileSha256;
    if (typeof value === 'string' && lookup.size > 0) SignatureIndex.record(lookup.get(value), 'fileSha256', value, out);
  }

  /** `name` is already normalised (normalizeProcessName): callers compare names before looking up. */
  private processName(name: string, out: SignatureMatch[]): void {
    if (name === '') return;
    SignatureIndex.record(this.lookups.processNames.get(name), 'processNames', name, out);
  }

  /** C2 domains and product websites in one walk over the suffixes: a.b.evil.com, b.evil.com, evil.com. */
  private domain(raw: unknown, out: SignatureMatch[], only?: 'domains' | 'websites'): void {
    if (typeof raw !== 'string' || raw === '') return;
    const domains = only === 'websites' ? null : this.lookups.domains;
    const websites = only === 'domains' ? null : this.lookups.websites;
    if (!domains?.size && !websites?.size) return;
    const domain = normalizeDomain(raw);
    // Never the bare top-level domain: the walk stops at the last dot.
    for (let start = 0, dot = domain.indexOf('.'); dot >= 0; start = dot + 1, dot = domain.indexOf('.', start)) {
      const suffix = start === 0 ? domain : domain.substring(start);
      if (domains) SignatureIndex.record(domains.get(suffix), 'domains', suffix, out);
      if (websites) SignatureIndex.record(websites.get(suffix), 'websites', suffix, out);
    }
  }

  private path(raw: unknown, out: SignatureMatch[]): void {
    if (typeof raw !== 'string' || raw === '') return;
    const lookup = this.lookups.filePaths;
    if (lookup.size === 0) return;
    const path = normalizePath(raw);
    SignatureIndex.record(lookup.get(path), 'filePaths', path, out);
    // A path indicator naming a folder matches what is inside it.
    for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) {
      const ancestor = path.substring(0, i);
      SignatureIndex.record(lookup.get(ancestor), 'filePaths', ancestor, out);
    }
  }

  private address(raw: unknown, out: SignatureMatch[]): void {
    if (typeof raw !== 'string' || raw === '') return;
    let text = raw.trim();
    let version: 4 | 6 = text.includes(':') ? 6 : 4;
    const mapped = version === 6 ? /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(text) : null;
    if (mapped) {
      text = mapped[1]!;
      version = 4;
    }
    const exact = this.addresses.get(version === 4 ? text : canonicalAddress(text, 6));
    if (exact) for (const signature of exact) out.push({ signature, indicator: 'ips', value: text.toLowerCase() });
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
