// The signature format: one entry per product (a stalkerware app, a keylogger, a remote-access tool, a
// dual-use app), the indicators that reveal it, and the signed packs that carry entries between shelters.
// `signatures/schema.json` is generated from these schemas (`npm run signatures:schema`); a test keeps it
// in step. Every value is checked here, before it can reach the index.
import { getPublicSuffix } from 'tldts';
import { z } from 'zod';
import { LocalizedText, Platform, Severity } from './model.js';

export const SignatureCategory = z.enum(['stalkerware', 'spyware', 'monitoring', 'dual-use', 'remote-access', 'keylogger']);
export type SignatureCategory = z.infer<typeof SignatureCategory>;

const MAX_INDICATORS = 20_000;
const list = <T extends z.ZodType>(item: T) => z.array(item).max(MAX_INDICATORS).default([]);

/** Android package names: dot-separated Java identifiers (`com.example.app`). */
export const AndroidPackageName = z
  .string()
  .max(255)
  .regex(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)+$/, 'an Android package name such as com.example.app');
/** A hex fingerprint; colons and case are accepted, and normalised later. */
const hexFingerprint = (bytes: number, what: string) =>
  z
    .string()
    .transform((value) => value.replace(/:/g, '').trim())
    .pipe(z.string().regex(new RegExp(`^[0-9A-Fa-f]{${bytes * 2}}$`), `${what}: ${bytes * 2} hexadecimal digits`));
export const Sha1Fingerprint = hexFingerprint(20, 'a SHA-1 fingerprint');
export const Sha256Fingerprint = hexFingerprint(32, 'a SHA-256 fingerprint');
/** iOS bundle ids and configuration-profile identifiers: reverse-DNS names (a team prefix is allowed). */
export const ReverseDnsName = z
  .string()
  .max(255)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)+$/, 'a reverse-DNS identifier such as com.example.app');
/** Host names: letters, digits and hyphens in dot-separated labels, at least two labels. */
/** Configuration-profile identifiers: a reverse-DNS name or the profile's UUID. */
export const ProfileIdentifier = z
  .string()
  .max(255)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a profile identifier (com.example.profile or a UUID)');
export const DomainName = z
  .string()
  .max(253)
  .transform((value) => value.trim().toLowerCase().replace(/\.$/, ''))
  .pipe(
    z
      .string()
      .regex(
        /^(?=.{1,253}$)(?!-)[a-z0-9_-]{1,63}(?<!-)(\.(?!-)[a-z0-9_-]{1,63}(?<!-))*\.[a-z0-9-]{2,63}$/,
        'a domain name such as example.com',
      )
      // `co.uk` or `appspot.com` would match every site under them.
      .refine((domain) => getPublicSuffix(domain, { allowPrivateDomains: true }) !== domain, 'a domain under a public suffix (example.co.uk, not co.uk)'),
  );
/** An IPv4 or IPv6 address, or a CIDR block (`203.0.113.0/24`, `2001:db8::/32`). */
export const IpOrCidr = z
  .string()
  .max(64)
  .refine((value) => isIpOrCidr(value.trim()), 'an IPv4 or IPv6 address, or a CIDR block no wider than /16 (IPv4) or /32 (IPv6)');
export const ProcessName = z.string().min(3).max(260).regex(/^[^\u0000-\u001f]+$/, 'a process or executable name of 3 characters or more');
/** At least two folders deep (`/etc/tool`, `C:\ProgramData\Tool`): a root or a top folder would match everything. */
export const FilePath = z
  .string()
  .min(1)
  .max(1024)
  .regex(/^[^\u0000-\u001f]+$/, 'a file path')
  .refine((path) => path.replace(/\\/g, '/').replace(/^[A-Za-z]:/, '').split('/').filter(Boolean).length >= 2, 'a file path at least two folders deep');
/** The name a program registers when installed (Windows' "Programs and Features", a macOS app), without its version. */
export const ProgramName = z.string().min(3).max(260).regex(/^[^\u0000-\u001f]+$/, 'a program name of 3 characters or more');
export const ServiceName = z.string().min(1).max(256).regex(/^[^\u0000-\u001f]+$/, 'a service name');

export const IndicatorSet = z
  .object({
    androidPackages: list(AndroidPackageName),
    certificateSha1: list(Sha1Fingerprint),
    certificateSha256: list(Sha256Fingerprint),
    /** SHA-256 of an APK or of any other file (an executable, a profile). */
    fileSha256: list(Sha256Fingerprint),
    iosBundleIds: list(ReverseDnsName),
    profileIdentifiers: list(ProfileIdentifier),
    /** Domains the product's software talks to (command and control, data upload). */
    domains: list(DomainName),
    /** The product's own websites (sales, downloads): visiting one is weaker evidence than contacting a C2 domain. */
    websites: list(DomainName),
    ips: list(IpOrCidr),
    processNames: list(ProcessName),
    filePaths: list(FilePath),
    windowsServices: list(ServiceName),
    launchdLabels: list(ReverseDnsName),
    programNames: list(ProgramName),
  })
  .strict();
export type IndicatorSet = z.infer<typeof IndicatorSet>;
export type IndicatorKind = keyof IndicatorSet;
export const indicatorKinds = Object.keys(IndicatorSet.shape) as IndicatorKind[];

export const SignatureId = z
  .string()
  .min(2)
  .max(300)
  .regex(/^[a-z0-9][a-z0-9._-]*(:[a-z0-9][a-z0-9._-]*)?$/, 'lower-case letters, digits, dots, dashes (an optional `source:` prefix)');

/** One product, as written in `signatures/products/*.yaml`. */
export const SignatureEntry = z
  .object({
    id: SignatureId,
    name: z.string().trim().min(1).max(300),
    aliases: z.array(z.string().trim().min(1).max(300)).max(200).default([]),
    category: SignatureCategory,
    platforms: z.array(Platform).min(1),
    severity: Severity,
    description: LocalizedText.refine((text) => text.en.trim() !== '' && text.fr.trim() !== '', 'a description in English and in French'),
    references: z.array(z.url({ protocol: /^https?$/ })).max(50).default([]),
    indicators: IndicatorSet,
  })
  .strict();
export type SignatureEntry = z.infer<typeof SignatureEntry>;

/** Where a signature came from: the project's database, a community feed, or a pack. */
export const SignatureSource = z.object({
  kind: z.enum(['builtin', 'feed', 'pack']),
  /** e.g. `stalkerware-indicators`, `isdi`, `stix2:<bundle>`, a pack's id. */
  name: z.string().min(1).max(200),
  version: z.string().max(200),
  /** Attribution to show in the About screen (licence and authors), when the source requires it. */
  credit: z.string().max(500).nullable(),
  trusted: z.boolean(),
});
export type SignatureSource = z.infer<typeof SignatureSource>;

export const Signature = SignatureEntry.extend({ source: SignatureSource });
export type Signature = z.infer<typeof Signature>;

export const PackMetadata = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,80}$/),
    name: z.string().min(1).max(200),
    version: z.string().min(1).max(60),
    publisher: z.string().min(1).max(200),
    created: z.iso.datetime({ offset: true }),
    credit: z.string().max(500).nullable().default(null),
  })
  .strict();
export type PackMetadata = z.infer<typeof PackMetadata>;

/** A signature pack: metadata and entries, signed with a detached Ed25519 signature (`FILE.sig`). */
export const SignaturePack = z
  .object({
    format: z.literal('sentinelle-signature-pack'),
    formatVersion: z.literal(1),
    pack: PackMetadata,
    signatures: z.array(SignatureEntry).max(50_000),
  })
  .strict();
export type SignaturePack = z.infer<typeof SignaturePack>;

/** The detached signature file next to a pack. */
export const PackSignature = z
  .object({
    format: z.literal('sentinelle-pack-signature'),
    algorithm: z.literal('ed25519'),
    /** The signer's public key (base64), so that the trust store can be searched for it. */
    publicKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
    signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
  })
  .strict();
export type PackSignature = z.infer<typeof PackSignature>;

/** Blocks wider than these would flag whole providers (or everything, for /0). */
export const MIN_PREFIX = { 4: 16, 6: 32 } as const;

function isIpOrCidr(value: string): boolean {
  const [address, prefix, ...rest] = value.split('/');
  if (rest.length > 0 || address === undefined) return false;
  const version = ipVersion(address);
  if (version === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) >= MIN_PREFIX[version] && Number(prefix) <= (version === 4 ? 32 : 128);
}

/** 4, 6 or 0 — written here rather than with node:net because this module also runs in the renderer. */
export function ipVersion(address: string): 0 | 4 | 6 {
  if (/^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(address)) return 4;
  if (!/^[0-9A-Fa-f:.]+$/.test(address) || !address.includes(':')) return 0;
  const halves = address.split('::');
  if (halves.length > 2) return 0;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const all = [...head, ...tail];
  let count = all.length;
  const last = all.at(-1);
  if (last !== undefined && last.includes('.')) {
    if (ipVersion(last) !== 4) return 0;
    count += 1; // an embedded IPv4 address takes two groups
  }
  if (!all.slice(0, last?.includes('.') ? -1 : undefined).every((group) => /^[0-9A-Fa-f]{1,4}$/.test(group))) return 0;
  return (halves.length === 2 ? count <= 7 : count === 8) ? 6 : 0;
}
