// The lawyer's reader: one self-contained page (built into sentinelle-reader.html) that opens a sealed
// evidence bundle in any browser, from a USB key, with no network and nothing installed. It checks the bundle
// with the format's one verifier (the same code as `sentinelle verify`, given libsodium-wrappers), says
// Verified — complete, unaltered, signed by installation ABCD-… — or exactly what is wrong, shows the report
// to read and print, and saves the bundle's files. Nothing leaves the page (its content policy forbids every
// request).
//
// For automation: the bundle is the page's first input[type=file]; Enter in its input[type=password] opens
// it; once decided, document.body.dataset.verdict is `verified` or the first problem's code, and
// document.body.dataset.problems lists every code.
import { z } from 'zod';
import { zipSync } from 'fflate';
import { bytesToHex } from '../../src-shared/bytes.js';
import type { BundleCrypto } from '../../src-shared/bundle-crypto.js';
import { READABLE_FINGERPRINT } from '../../src-shared/bundle-header.js';
import type { ManifestForm } from '../../src-shared/bundle-manifest-form.js';
import { PROBLEM_WORDS } from '../../src-shared/bundle-problem-words.js';
import type { BundleOpening } from '../../src-shared/bundle-records.js';
import type { VerifyVerdict } from '../../src-shared/bundle-verdict.js';
import { verifyBundleSource, type VerifySink } from '../../src-shared/bundle-verifier.js';
import { simplifiedPassphrase } from '../../src-shared/spoken-passphrase.js';
import { readSecretKeyFile } from '../../src-shared/recipient-key-file.js';
import { showReport } from '../report/show-report.js';
import { blobSource } from './file-source.js';
import { loadSodiumCrypto } from './sodium-crypto.js';
import { say, type ReaderLanguage, type WordKey } from './words.js';
import sodium from 'libsodium-wrappers-sumo';

// No code is ever made from text here: zod must not try to (the page's policy would refuse it anyway).
z.config({ jitless: true });

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const form = element<HTMLFormElement>('open-form');
const bundleInput = element<HTMLInputElement>('bundle');
const passphraseInput = element<HTMLInputElement>('passphrase');
const keyInput = element<HTMLInputElement>('keyfile');
const signerInput = element<HTMLInputElement>('signer');
const status = element<HTMLParagraphElement>('status');
const verdictSection = element<HTMLElement>('verdict');
const contents = element<HTMLElement>('contents');

let language: ReaderLanguage = navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
const crypto: Promise<BundleCrypto> = loadSodiumCrypto();
/** What the last opened bundle held, for saving and printing. */
let opened: Opened | null = null;
let lastVerdict: { verdict: VerifyVerdict; bundleSha256: string } | null = null;

interface Opened {
  manifest: ManifestForm;
  signedManifest: Uint8Array;
  files: Map<string, Blob>;
}

const t = (key: WordKey, params?: Record<string, string | number>) => say(language, key, params);

function applyLanguage(): void {
  document.documentElement.lang = language;
  document.title = t('title');
  for (const node of document.querySelectorAll<HTMLElement>('[data-word]')) node.textContent = t(node.dataset.word as WordKey);
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-lang]')) button.setAttribute('aria-pressed', String(button.dataset.lang === language));
  if (lastVerdict) renderVerdict(lastVerdict.verdict, lastVerdict.bundleSha256);
  if (opened && lastVerdict?.verdict.ok) renderFiles(opened);
}

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-lang]')) {
  button.addEventListener('click', () => {
    language = button.dataset.lang === 'fr' ? 'fr' : 'en';
    applyLanguage();
  });
}

/** A new choice starts a new check: the last verdict no longer stands for what is chosen. */
for (const input of [bundleInput, passphraseInput, keyInput, signerInput]) input.addEventListener('input', forget);

function forget(): void {
  delete document.body.dataset.verdict;
  delete document.body.dataset.problems;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void openBundle().catch((error: unknown) => {
    status.textContent = t('unexpected', { detail: error instanceof Error ? error.message : String(error) });
    document.body.dataset.verdict = 'not-a-bundle';
  });
});

async function openBundle(): Promise<void> {
  forget();
  lastVerdict = null;
  opened = null;
  verdictSection.hidden = true;
  contents.hidden = true;
  const file = bundleInput.files?.[0];
  if (!file) return say_(t('noFile'), bundleInput);
  const keyFile = keyInput.files?.[0];
  const passphrase = passphraseInput.value;
  if (!keyFile && passphrase === '') return say_(t('noKey'), passphraseInput);
  const signer = signerInput.value.trim();
  if (signer !== '' && !READABLE_FINGERPRINT.test(signer)) return say_(t('badSigner'), signerInput);
  status.textContent = t('opening');
  // Let the message show before the key derivation holds the page for a second or two.
  if (!keyFile) await new Promise((resolve) => setTimeout(resolve, 30));
  const cryptography = await crypto;
  let openings: BundleOpening[];
  if (keyFile) {
    const identity = await readKeyFile(keyFile);
    if (typeof identity === 'string') return say_(identity, keyInput);
    openings = [{ identity }];
  } else {
    // The words as typed; then, if that is not it, in lower case with single spaces (as they were generated).
    openings = [...new Set([passphrase, simplifiedPassphrase(passphrase)])].map((candidate) => ({ passphrase: candidate }));
  }
  let verdict: VerifyVerdict | null = null;
  let held: Opened | null = null;
  for (const opening of openings) {
    const collected = collector();
    verdict = await verifyBundleSource(blobSource(file), {
      ...opening,
      crypto: cryptography,
      knownSigners: signer === '' ? [] : [signer],
      requireKnownSigner: signer !== '',
      sink: collected.sink,
      onProgress: (bytes, total) => (status.textContent = t('checked', { bytes: megabytes(bytes), total: megabytes(total) })),
    });
    held = collected.opened();
    if (verdict.problems[0]?.code !== 'wrong-key') break;
  }
  const bundleSha256 = await sha256OfBlob(file, cryptography);
  status.textContent = '';
  lastVerdict = { verdict: verdict!, bundleSha256 };
  renderVerdict(verdict!, bundleSha256);
  if (verdict!.ok && held) {
    opened = held;
    renderFiles(held);
    const report = held.files.get('report.html');
    if (report) showReport(element('report-view'), await report.text());
    contents.hidden = false;
  }
  document.body.dataset.problems = verdict!.problems.map((problem) => problem.code).join(' ');
  document.body.dataset.verdict = verdict!.ok ? 'verified' : (verdict!.problems[0]?.code ?? 'artifact-missing');
  verdictSection.focus();
}

function say_(message: string, field: HTMLElement): void {
  status.textContent = message;
  field.focus();
}

/** The key pair in a chosen key file, or what is wrong with the file. */
async function readKeyFile(file: File): Promise<{ publicKey: Uint8Array; secretKey: Uint8Array } | string> {
  if (file.size > 64 * 1024) return t('badKeyFile');
  const read = readSecretKeyFile(await file.text());
  if (!read.ok) return t('badKeyFile');
  await sodium.ready;
  const derived = sodium.crypto_scalarmult_base(read.secretKey);
  if (bytesToHex(derived) !== bytesToHex(read.publicKey)) return t('damagedKeyFile');
  return { publicKey: read.publicKey, secretKey: read.secretKey };
}

/** Keeps each listed file's bytes, and only those that verified. */
function collector(): { sink: VerifySink; opened(): Opened | null } {
  const files = new Map<string, Blob>();
  let manifest: ManifestForm | null = null;
  let signedManifest: Uint8Array | null = null;
  let current: { name: string; parts: Uint8Array[] } | null = null;
  return {
    sink: {
      manifest(bytes, form) {
        signedManifest = bytes;
        manifest = form;
      },
      fileStart(name, listed) {
        current = listed ? { name, parts: [] } : null;
      },
      fileData(bytes) {
        current?.parts.push(bytes);
      },
      fileEnd(verified) {
        if (current && verified) files.set(current.name, new Blob(current.parts as BlobPart[]));
        current = null;
      },
    },
    opened: () => (manifest && signedManifest ? { manifest, signedManifest, files } : null),
  };
}

function renderVerdict(verdict: VerifyVerdict, bundleSha256: string): void {
  verdictSection.replaceChildren();
  verdictSection.className = verdict.ok ? 'verdict verified' : 'verdict not-verified';
  const heading = document.createElement('h2');
  heading.textContent = verdict.ok ? t('verified') : t('notVerified');
  verdictSection.append(heading);
  if (verdict.ok && verdict.signer) {
    verdictSection.append(paragraph(t('verifiedText', { fingerprint: verdict.signer.fingerprint }), 'lead'));
    verdictSection.append(paragraph(verdict.signer.known ? t('signerChecked') : t('compareSigner')));
  } else {
    verdictSection.append(paragraph(t('notVerifiedText')));
    const list = document.createElement('ul');
    for (const problem of verdict.problems) {
      const item = document.createElement('li');
      item.append(paragraph(PROBLEM_WORDS[problem.code][language]));
      const details = document.createElement('details');
      const summary = document.createElement('summary');
      summary.textContent = `${t('technical')} (${problem.code})`;
      details.append(summary, paragraph(problem.message));
      item.append(details);
      list.append(item);
    }
    verdictSection.append(list);
  }
  if (verdict.case) verdictSection.append(paragraph(t('caseLine', { id: verdict.case.id, pseudonym: verdict.case.pseudonym, date: formatDate(verdict.createdAt) })));
  if (verdict.sealedFor) {
    const recipients = [...verdict.sealedFor.recipients, ...(verdict.sealedFor.passphrase ? [t('aPassphrase')] : [])].join(', ');
    verdictSection.append(paragraph(t('sealedFor', { recipients })));
  }
  if (verdict.case) verdictSection.append(paragraph(t('filesLine', { verified: verdict.files.verified, expected: verdict.files.expected, excluded: verdict.files.excluded })));
  verdictSection.append(paragraph(t('bundleSha', { sha256: bundleSha256 }), 'mono'));
  verdictSection.hidden = false;
  const printed = element('printed-verdict');
  printed.textContent = verdict.ok && verdict.signer ? t('printedVerdict', { date: formatDate(new Date().toISOString()), fingerprint: verdict.signer.fingerprint }) : '';
}

function renderFiles(held: Opened): void {
  const list = element<HTMLUListElement>('file-list');
  list.replaceChildren();
  const entries: { label: string; name: string; blob: Blob; saveAs: string }[] = [];
  const stem = `${safeName(held.manifest.case.pseudonym)}-${held.manifest.case.id}`;
  const reportHtml = held.files.get('report.html');
  if (reportHtml) entries.push({ label: t('reportHtml'), name: 'report.html', blob: reportHtml, saveAs: `${stem}-report.html` });
  const reportPdf = held.files.get('report.pdf');
  if (reportPdf) entries.push({ label: t('reportPdf'), name: 'report.pdf', blob: reportPdf, saveAs: `${stem}-report.pdf` });
  entries.push({ label: t('manifest'), name: 'manifest.signed.json', blob: new Blob([held.signedManifest as BlobPart]), saveAs: `${stem}-manifest.signed.json` });
  for (const artifact of held.manifest.artifacts) {
    const blob = held.files.get(`artifacts/${artifact.sha256}`);
    if (!blob) continue;
    const capture = artifact.captures[0] ?? {};
    const origin = typeof capture.command === 'string' ? capture.command : typeof capture.path === 'string' ? capture.path : '';
    entries.push({ label: `${t('artifact')}: ${origin.slice(0, 120)}`, name: `artifacts/${artifact.sha256}`, blob, saveAs: `${artifact.sha256}${extensionOf(origin)}` });
  }
  for (const entry of entries) {
    const item = document.createElement('li');
    const label = document.createElement('span');
    label.className = 'file-label';
    label.textContent = entry.label;
    const size = document.createElement('span');
    size.className = 'help';
    size.textContent = ` — ${t('bytes', { n: entry.blob.size })} · ${entry.name}`;
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = t('save');
    button.setAttribute('aria-label', `${t('save')}: ${entry.label}`);
    button.addEventListener('click', () => download(entry.blob, entry.saveAs));
    item.append(label, size, ' ', button);
    list.append(item);
  }
  const saveAll = element<HTMLButtonElement>('save-all');
  saveAll.onclick = () => void saveAllFiles(held, stem);
}

/** Every verified file, with the signed manifest and a readable copy of it, in one zip (stored, not compressed). */
async function saveAllFiles(held: Opened, stem: string): Promise<void> {
  const entries: Record<string, Uint8Array> = {
    'manifest.signed.json': held.signedManifest,
    'manifest.json': new TextEncoder().encode(`${JSON.stringify(held.manifest, null, 2)}\n`),
  };
  for (const [name, blob] of held.files) entries[name] = new Uint8Array(await blob.arrayBuffer());
  download(new Blob([zipSync(entries, { level: 0 }) as BlobPart], { type: 'application/zip' }), `${stem}-files.zip`);
}

function download(blob: Blob, name: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

/** The bundle file's SHA-256 (the hand-over sheet's): the browser's own SHA-256 at once when it has one, else libsodium's a piece at a time. */
async function sha256OfBlob(blob: Blob, cryptography: BundleCrypto): Promise<string> {
  if (globalThis.crypto?.subtle && blob.size <= 512 * 1024 * 1024) {
    try {
      return bytesToHex(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', await blob.arrayBuffer())));
    } catch {
      // not available here (an old browser, a page not seen as secure): libsodium's, below
    }
  }
  const hash = cryptography.sha256();
  const step = 16 * 1024 * 1024;
  for (let position = 0; position < blob.size; position += step) hash.update(new Uint8Array(await blob.slice(position, position + step).arrayBuffer()));
  return bytesToHex(hash.digest());
}

function paragraph(text: string, className?: string): HTMLParagraphElement {
  const p = document.createElement('p');
  p.textContent = text;
  if (className) p.className = className;
  return p;
}

function formatDate(iso: string | null): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A file name made only of plain characters (a pseudonym may hold anything). */
function safeName(text: string): string {
  return text.normalize('NFD').replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'case';
}

function extensionOf(origin: string): string {
  const match = /\.([a-z0-9]{1,5})$/i.exec(origin);
  return match ? `.${match[1]!.toLowerCase()}` : origin === '' ? '.bin' : '.txt';
}

element<HTMLButtonElement>('print').addEventListener('click', () => window.print());
applyLanguage();
