// The consultation of the open case as the window edits it: the record saved in the vault, the draft being
// filled in with her (answers to the guided checks, concerns, devices, weaknesses, safety planning, changes
// made with her consent, follow-ups), the checks the scans suggest, and which apps used her location, camera
// or microphone. Saving sends the whole draft; the
// back end then turns her worrying answers into findings, and its findings.changed event reloads them.
import { create } from 'zustand';
import { EMPTY_CONSULTATION, type CheckAnswer, type Consultation } from '../../src-shared/consultation.js';
import type { GuidedCheckId } from '../../src-shared/guided-checks.js';
import type { LocalizedText } from '../../src-shared/model.js';
import type { SensorUse } from '../../src-shared/sensor-use.js';
import { asSentinelleError, type SentinelleError } from '../../src-shared/errors.js';
import { api } from '../api/context.js';

export interface Suggestion {
  id: GuidedCheckId;
  because: LocalizedText;
}

interface ConsultationState {
  caseId: string | null;
  saved: Consultation;
  draft: Consultation;
  /** Whether something was recorded for this case (a record saved empty is as good as none). */
  recorded: boolean;
  suggested: Suggestion[];
  /** Which apps used her location, camera or microphone, and when last (Android). */
  sensors: SensorUse[];
  busy: boolean;
  error: SentinelleError | null;
  /** When the draft was last saved in this window (for "Saved" to show), null until then or after an edit. */
  savedAt: number | null;
  /** Whether the case's record has come: until then nothing can be typed (it would be overwritten by it). */
  ready: boolean;

  load(caseId: string): Promise<void>;
  /** Reloads which checks the scans suggest and the sensors' use they read (after a scan). */
  refreshSuggestions(): Promise<void>;
  edit(change: Partial<Consultation>): void;
  /** Records what a guided check showed, keeping her words already typed. */
  answer(check: GuidedCheckId, change: Partial<Omit<CheckAnswer, 'check'>>): void;
  save(): Promise<boolean>;
  forget(): void;
}

/** Which opening of a case is current: answers for an earlier one are dropped. */
let opening = 0;

export const useConsultation = create<ConsultationState>((set, get) => ({
  caseId: null,
  saved: EMPTY_CONSULTATION,
  draft: EMPTY_CONSULTATION,
  recorded: false,
  suggested: [],
  sensors: [],
  busy: false,
  error: null,
  savedAt: null,
  ready: false,

  async load(caseId) {
    const mine = ++opening;
    set({ caseId, saved: EMPTY_CONSULTATION, draft: EMPTY_CONSULTATION, recorded: false, suggested: [], sensors: [], error: null, savedAt: null, ready: false });
    try {
      const [saved, suggested, sensors] = await Promise.all([api().invoke('consultation.get', { caseId }), api().invoke('consultation.suggested', { caseId }), api().invoke('consultation.sensorUse', { caseId })]);
      if (mine !== opening) return;
      set({ saved, draft: saved, recorded: JSON.stringify(saved) !== JSON.stringify(EMPTY_CONSULTATION), suggested, sensors, ready: true });
    } catch (error) {
      if (mine === opening) set({ error: asSentinelleError(error) });
    }
  },
  async refreshSuggestions() {
    const { caseId } = get();
    if (!caseId) return;
    const mine = opening;
    const [suggested, sensors] = await Promise.all([api().invoke('consultation.suggested', { caseId }), api().invoke('consultation.sensorUse', { caseId })]).catch(() => [null, null]);
    if (suggested && sensors && mine === opening) set({ suggested, sensors });
  },
  edit(change) {
    set((state) => ({ draft: { ...state.draft, ...change }, savedAt: null }));
  },
  answer(check, change) {
    const checks = get().draft.checks;
    const before = checks.find((answer) => answer.check === check) ?? { check, outcome: 'not-done' as const, answer: '' };
    const after = { ...before, ...change };
    const others = checks.filter((answer) => answer.check !== check);
    get().edit({ checks: [...others, after] });
  },
  async save() {
    const { caseId, draft } = get();
    if (!caseId) return false;
    const mine = opening;
    set({ busy: true, error: null });
    try {
      const saved = await api().invoke('consultation.save', { caseId, record: draft });
      if (mine !== opening) return false;
      // The findings made from her answers come with the back end's findings.changed event (case-view.ts).
      set({ saved, draft: saved, recorded: true, savedAt: Date.now() });
      return true;
    } catch (error) {
      if (mine === opening) set({ error: asSentinelleError(error) });
      return false;
    } finally {
      if (mine === opening) set({ busy: false });
    }
  },
  forget() {
    opening += 1;
    set({ caseId: null, saved: EMPTY_CONSULTATION, draft: EMPTY_CONSULTATION, recorded: false, suggested: [], sensors: [], busy: false, error: null, savedAt: null, ready: false });
  },
}));
