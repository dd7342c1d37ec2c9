// Language choice (English or French, switchable at any time, remembered on this computer) and the
// translation function, with {placeholders} and locale-aware dates.
import { create } from 'zustand';
import type { ErrorCode } from '../../src-shared/errors.js';
import { en, type MessageKey } from './en.js';
import { fr } from './fr.js';

export type Language = 'en' | 'fr';
const catalogs: Record<Language, Record<MessageKey, string>> = { en, fr };
const STORAGE_KEY = 'sentinelle.language';

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'en' || stored === 'fr') return stored;
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

interface LanguageState {
  language: Language;
  setLanguage(language: Language): void;
}

export const useLanguage = create<LanguageState>((set) => ({
  language: initialLanguage(),
  setLanguage(language) {
    localStorage.setItem(STORAGE_KEY, language);
    document.documentElement.lang = language;
    set({ language });
  },
}));

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translate(language: Language, key: MessageKey, params: Record<string, string | number> = {}): string {
  return catalogs[language][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function useT(): Translate {
  const language = useLanguage((state) => state.language);
  return (key, params) => translate(language, key, params);
}

export function errorMessageKey(code: ErrorCode): MessageKey {
  return `error.${code}` as MessageKey;
}

export function formatDate(iso: string | null, language: Language): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(iso));
}

/** A date with its time of day and time zone, for logs and evidence (when it happened matters to the chain of custody). */
export function formatDateTime(iso: string | null, language: Language): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'long' }).format(new Date(iso));
}

/** A size in kilobytes, megabytes or gigabytes, in her language (1,2 Mo). */
export function formatSize(bytes: number, language: Language): string {
  const [unit, value] = bytes >= 1e9 ? ['gigabyte', bytes / 1e9] : bytes >= 1e6 ? ['megabyte', bytes / 1e6] : ['kilobyte', Math.max(bytes, 1) / 1e3];
  return new Intl.NumberFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}

/** A finding's kind in plain words; a custom rule's own category is shown as its author wrote it. */
export function categoryLabel(t: Translate, category: string): string {
  const key = `category.${category}`;
  return key in en ? t(key as MessageKey) : category;
}
