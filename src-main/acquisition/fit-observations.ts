// What a phone sends is hostile input: one app's over-long version name, a 5,001-permission manifest or a
// 256-character package name must not blind the whole analysis. Each observation is checked on its own
// against its kind's schema; text and lists over the schema's limits are clipped to them (text ends with
// "…", the full bytes stay in the artifact), a number over its limit is capped, and an observation that
// still does not fit is set aside. What was clipped or set aside is said, by kind and subject.
import { isObservationKind, observationSchemas } from '../../src-shared/observations.js';

/** An observation as collectors make it, before it is stored. */
interface Candidate {
  kind: string;
  subject: string;
  data: Record<string, unknown>;
}

export interface FitReport<T> {
  observations: T[];
  /** Observations kept with a field clipped: their kind, subject (clipped for display) and the fields. */
  clipped: { kind: string; subject: string; fields: string[] }[];
  /** Observations that could not be made to fit, and why. */
  setAside: { kind: string; subject: string; reason: string }[];
}

/** Longest subject stored (a package name is at most 255 characters on Android; anything longer is not one). */
const MAX_SUBJECT = 1024;
/** Rounds of clipping before an observation is set aside (nested lists need one per level). */
const MAX_ROUNDS = 4;

type Path = readonly PropertyKey[];

function clipAt(root: unknown, path: Path, maximum: number): boolean {
  if (path.length === 0) return false;
  let parent = root as Record<PropertyKey, unknown>;
  for (const key of path.slice(0, -1)) {
    const next = parent?.[key];
    if (next === null || typeof next !== 'object') return false;
    parent = next as Record<PropertyKey, unknown>;
  }
  const key = path.at(-1)!;
  const value = parent[key];
  if (typeof value === 'string') parent[key] = `${value.slice(0, Math.max(0, maximum - 1))}…`;
  else if (Array.isArray(value)) parent[key] = value.slice(0, maximum);
  else if (typeof value === 'number') parent[key] = maximum;
  else return false;
  return true;
}

const short = (text: string) => (text.length > 120 ? `${text.slice(0, 119)}…` : text);

/** The observations that fit their kinds (clipped where needed), and what was clipped or set aside. */
export function fitObservations<T extends Candidate>(candidates: readonly T[]): FitReport<T> {
  const report: FitReport<T> = { observations: [], clipped: [], setAside: [] };
  for (const candidate of candidates) {
    const subject = candidate.subject.length > MAX_SUBJECT ? `${candidate.subject.slice(0, MAX_SUBJECT - 1)}…` : candidate.subject;
    if (!isObservationKind(candidate.kind)) {
      report.observations.push({ ...candidate, subject });
      continue;
    }
    const schema = observationSchemas[candidate.kind];
    let data = candidate.data;
    let parsed = schema.safeParse(data);
    const fields = new Set<string>();
    for (let round = 0; !parsed.success && round < MAX_ROUNDS; round += 1) {
      if (round === 0) data = structuredClone(candidate.data);
      const tooBig = parsed.error.issues.filter((issue) => issue.code === 'too_big');
      if (tooBig.length !== parsed.error.issues.length) break;
      let changed = false;
      for (const issue of tooBig) {
        if (clipAt(data, issue.path, Number(issue.maximum))) {
          changed = true;
          fields.add(issue.path.filter((part) => typeof part === 'string').join('.'));
        }
      }
      if (!changed) break;
      parsed = schema.safeParse(data);
    }
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      report.setAside.push({ kind: candidate.kind, subject: short(subject), reason: `${issue?.path.join('.') || 'data'}: ${issue?.message ?? 'does not fit'}` });
      continue;
    }
    if (fields.size > 0) report.clipped.push({ kind: candidate.kind, subject: short(subject), fields: [...fields] });
    report.observations.push({ ...candidate, subject, data });
  }
  return report;
}

/** The report in plain words for the scan's notes; empty when everything fitted. */
export function fitNotes(report: Pick<FitReport<unknown>, 'clipped' | 'setAside'>): string[] {
  const notes: string[] = [];
  if (report.clipped.length > 0) {
    const examples = report.clipped.slice(0, 5).map((item) => `${item.subject} (${item.fields.join(', ')})`).join('; ');
    notes.push(`${report.clipped.length} record(s) from the device had fields longer than any real phone sends — clipped to the limit, the full text kept in the evidence: ${examples}${report.clipped.length > 5 ? '; …' : ''}.`);
  }
  if (report.setAside.length > 0) {
    const examples = report.setAside.slice(0, 5).map((item) => `${item.kind} ${item.subject}: ${item.reason}`).join('; ');
    notes.push(`${report.setAside.length} record(s) from the device could not be read and were set aside (the rest of the analysis went on): ${examples}${report.setAside.length > 5 ? '; …' : ''}.`);
  }
  return notes;
}
