// Forwarding to a shelter network's Wazuh server, off by default: the settings (a JSON-lines file a local
// Wazuh agent reads, or the Wazuh server API over HTTPS with the server's CA pinned), the event every finding
// becomes (a stable schema holding pseudonymous ids and what was found — never names, phone numbers, message
// contents or artifacts), and the outbox's state.
import { z } from 'zod';
import { IsoTimestamp, Platform, Severity, Sha256Hex } from './model.js';

export const ForwardTransport = z.enum(['json-file', 'wazuh-api']);
export type ForwardTransport = z.infer<typeof ForwardTransport>;

export const WazuhApiSettings = z.object({
  /** `https://wazuh.example.org:55000` */
  url: z.url({ protocol: /^https$/ }).max(500),
  user: z.string().min(1).max(200),
  /** The server's CA certificate (PEM): the only one trusted for this connection. */
  caPem: z.string().regex(/-----BEGIN CERTIFICATE-----/).max(64 * 1024),
});

export const ForwardingSettings = z.object({
  enabled: z.boolean(),
  transport: ForwardTransport,
  /** Where the JSON-lines file is written (the path a Wazuh agent's <localfile> reads). */
  file: z.string().min(1).max(4096).nullable(),
  api: WazuhApiSettings.nullable(),
});
export type ForwardingSettings = z.infer<typeof ForwardingSettings>;

/** What the advocate (or a script) sends to change the settings; the API password travels only here. */
export const ForwardingUpdate = z
  .object({
    enabled: z.boolean(),
    transport: ForwardTransport,
    file: z.string().min(1).max(4096).optional(),
    api: WazuhApiSettings.extend({ password: z.string().min(1).max(1024).optional() }).optional(),
  })
  .strict()
  // Turning forwarding off needs nothing else; the settings already stored are kept.
  .refine((update) => !update.enabled || (update.transport === 'json-file' ? update.file !== undefined : update.api !== undefined), { message: 'the file path (json-file) or the server settings (wazuh-api) are needed', path: ['transport'] });

/**
 * The events' schema, stable: fields are only ever added (each optional for the rules), never renamed or
 * retyped, so that Wazuh 4.x XML rules and a later Wazuh 5.x YAML rule set read the same events
 * (docs/wazuh-events.md). A field with no value is left out, never sent as null: Wazuh 4.x decodes a JSON
 * null as the text "null", which a rule testing that the field is present would match.
 */
export const WAZUH_EVENT_SCHEMA = 'sentinelle.event/1';

/** What every event carries. */
const EventBase = {
  schema: z.literal(WAZUH_EVENT_SCHEMA),
  eventId: z.uuid(),
  /** Pseudonyms: stable for this installation (and this case), meaningless outside the vault. */
  installation: z.string().regex(/^inst-[0-9a-f]{16}$/),
  time: IsoTimestamp,
  /** The version of the signature database in use (`YYYY.MM.DD…`). */
  signatureVersion: z.string().min(1).max(100),
};

/** A verdict, when it is recorded (`finding`) and when a later scan no longer shows it (`retired`). */
const VerdictFields = {
  case: z.string().regex(/^case-[0-9a-f]{16}$/),
  findingId: z.uuid(),
  ruleId: z.string().min(1).max(200),
  /** The rule of each of the verdict's reasons (each list that names the app, each heuristic), strongest first. */
  reasons: z.array(z.string().min(1).max(200)).min(1).max(50),
  severity: Severity,
  category: z.string().min(1).max(60),
  /** The product a signature names; left out when only heuristics spoke. */
  product: z.string().min(1).max(200).optional(),
  /** The kind of device; left out when the evidence came from an import of unknown origin. */
  platform: Platform.optional(),
};

export const WazuhEvent = z.discriminatedUnion('type', [
  z.object({ ...EventBase, type: z.literal('finding'), ...VerdictFields }).strict(),
  z.object({ ...EventBase, type: z.literal('retired'), ...VerdictFields }).strict(),
  z.object({ ...EventBase, type: z.literal('bundle'), case: VerdictFields.case, bundleSha256: Sha256Hex }).strict(),
  /** The installation's state, sent at most once a day while forwarding is on: how old its signatures are. */
  z.object({ ...EventBase, type: z.literal('status'), signatureAgeDays: z.number().int().nonnegative().max(100_000).optional() }).strict(),
]);
export type WazuhEvent = z.infer<typeof WazuhEvent>;
export type WazuhEventType = WazuhEvent['type'];

export const ForwardStatus = z.object({
  settings: ForwardingSettings,
  hasPassword: z.boolean(),
  outbox: z.object({
    pending: z.number().int().nonnegative(),
    delivered: z.number().int().nonnegative(),
    oldestPendingAt: IsoTimestamp.nullable(),
    nextAttemptAt: IsoTimestamp.nullable(),
    lastError: z.string().nullable(),
    lastDeliveredAt: IsoTimestamp.nullable(),
  }),
});
export type ForwardStatus = z.infer<typeof ForwardStatus>;

export const FlushResult = z.object({ delivered: z.number().int().nonnegative(), pending: z.number().int().nonnegative(), error: z.string().nullable() });
export type FlushResult = z.infer<typeof FlushResult>;

export const ConnectionTest = z.object({ ok: z.boolean(), message: z.string() });
