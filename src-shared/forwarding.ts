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

export const WAZUH_EVENT_SCHEMA = 'sentinelle.event/1';

export const WazuhEvent = z
  .object({
    schema: z.literal(WAZUH_EVENT_SCHEMA),
    type: z.enum(['finding', 'bundle']),
    eventId: z.uuid(),
    /** Pseudonyms: stable for this installation and this case, meaningless outside the vault. */
    installation: z.string().regex(/^inst-[0-9a-f]{16}$/),
    case: z.string().regex(/^case-[0-9a-f]{16}$/),
    platform: Platform.nullable(),
    findingId: z.uuid().nullable(),
    ruleId: z.string().max(200).nullable(),
    /** A verdict on an app: the rule of each of its reasons (each list that names it, each heuristic), strongest first. */
    reasons: z.array(z.string().max(200)).max(50).optional(),
    product: z.string().max(200).nullable(),
    category: z.string().max(60).nullable(),
    severity: Severity.nullable(),
    time: IsoTimestamp,
    signatureVersion: z.string().max(100),
    bundleSha256: Sha256Hex.nullable(),
  })
  .strict();
export type WazuhEvent = z.infer<typeof WazuhEvent>;

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
