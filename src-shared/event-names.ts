// The names of the events the back end sends, on their own: the renderer checks a name it receives
// without loading every schema of the API (src-shared/api.ts holds each event's payload schema, and the
// compiler holds the two lists to the same names).
export const EVENT_NAMES = [
  'vault.locked',
  'vault.unlocked',
  'custody.alarm',
  'cases.changed',
  'findings.changed',
  'devices.changed',
  'scan.progress',
  'scan.finished',
  'bundle.progress',
  'forward.outbox',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

const NAMES: ReadonlySet<string> = new Set(EVENT_NAMES);

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && NAMES.has(name);
}
