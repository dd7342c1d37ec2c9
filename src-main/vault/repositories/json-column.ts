// Reading JSON columns back from the vault: values the vault itself wrote, parsed with a fallback so one
// damaged row is shown as empty rather than making a whole list unreadable.
export function parseJsonColumn<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
