// How old the signatures in use are: whole days since the date their version names (`YYYY.MM.DD…`), or
// null when the version names no date.
const DAY_MS = 86_400_000;

export function signatureAgeDays(version: string, now: Date): number | null {
  const date = /^(\d{4})\.(\d{2})\.(\d{2})/.exec(version);
  if (!date) return null;
  return Math.max(0, Math.floor((now.getTime() - Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]))) / DAY_MS));
}
