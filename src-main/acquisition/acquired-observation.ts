// What every collector produces, whatever the platform (an Android phone, an iPhone backup, this
// computer): a typed fact about the device, its subject, and the artifacts it was read from. The vault
// checks its data against the kind's schema (src-shared/observations.ts) when it is stored.
export interface AcquiredObservation {
  kind: string;
  subject: string;
  data: Record<string, unknown>;
  artifactSha256s: string[];
}
