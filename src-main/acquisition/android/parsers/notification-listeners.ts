// The notification listeners turned on, as `dumpsys notification` prints them (NotificationManagerService
// → ManagedServices.dump, caption "notification listener"): per user, the `Allowed notification listeners:`
// lines (`      pkg/Cls:pkg2/Cls2 (user: 0 isPrimary: true)`); on versions without them, the components of
// `All notification listeners (N) enabled for current profiles:` (`      ComponentInfo{pkg/Cls}`), taken as
// the owner's.
const COMPONENT = /^[A-Za-z][\w.]*\/[\w.$]+$/;

/** Enabled notification listener components by user. */
export function parseNotificationListeners(text: string): Map<number, string[]> {
  const allowed = new Map<number, string[]>();
  const enabled: string[] = [];
  let block: 'allowed' | 'enabled' | null = null;
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === 'Allowed notification listeners:') {
      block = 'allowed';
    } else if (/All notification listeners \(\d+\) enabled for current profiles:$/.test(trimmed)) {
      block = 'enabled';
    } else if (!/^ {6}\S/.test(line)) {
      // A heading or the next block ends the list.
      if (trimmed !== '') block = null;
    } else if (block === 'allowed') {
      // Secondary entries name packages, not services: only the primary ones are listeners.
      const entry = /^(.*) \(user: (\d{1,6}) isPrimary: true\b/.exec(trimmed);
      if (!entry) continue;
      const list = allowed.get(Number(entry[2])) ?? [];
      for (const component of entry[1]!.split(':').map((item) => item.trim())) if (COMPONENT.test(component) && !list.includes(component)) list.push(component);
      allowed.set(Number(entry[2]), list);
    } else if (block === 'enabled') {
      const component = /^ComponentInfo\{([^}]+)\}$/.exec(trimmed)?.[1];
      if (component && COMPONENT.test(component) && !enabled.includes(component)) enabled.push(component);
    }
  }
  if (allowed.size > 0) return allowed;
  return enabled.length > 0 ? new Map([[0, enabled]]) : new Map();
}
