// `settings list secure|global|system`: `key=value` per line.
export function parseSettings(text: string): Map<string, string> {
  const settings = new Map<string, string>();
  for (const line of text.split('\n')) {
    const separator = line.indexOf('=');
    if (separator <= 0) continue;
    settings.set(line.slice(0, separator).trim(), line.slice(separator + 1).replace(/\r$/, ''));
  }
  return settings;
}

/** `pkg/cls:pkg2/cls2` (enabled accessibility services, notification listeners) as components. */
export function componentList(value: string | undefined): string[] {
  return (value ?? '').split(':').map((item) => item.trim()).filter((item) => /^[A-Za-z][\w.]*\/[\w.$]+$/.test(item));
}

/** The settings of one namespace and user in `dumpsys settings`. */
export interface SettingsDumpBlock {
  namespace: 'global' | 'secure' | 'system';
  user: number;
  settings: Map<string, string>;
}

/**
 * `dumpsys settings` (SettingsProvider's dump, as a bugreport holds it): a `SECURE SETTINGS (user N)` heading
 * (likewise GLOBAL, SYSTEM; CONFIG is skipped) then one `_id:N name:KEY pkg:PKG value:VALUE default:…` line
 * per setting (SettingsProvider.dumpSettingsLocked; `pkg:` only when known), up to a blank line or its `Historical operations`. A value runs to the next ` default:`,
 * ` defaultSystemSet:` or ` tag:` field, or to the end of the line.
 */
export function parseSettingsDump(text: string): SettingsDumpBlock[] {
  const blocks: SettingsDumpBlock[] = [];
  let current: SettingsDumpBlock | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const heading = /^(GLOBAL|SECURE|SYSTEM|CONFIG) SETTINGS \(user (\d{1,6})\)\s*$/.exec(line);
    if (heading) {
      current = heading[1] === 'CONFIG' ? null : { namespace: heading[1]!.toLowerCase() as SettingsDumpBlock['namespace'], user: Number(heading[2]), settings: new Map() };
      if (current) blocks.push(current);
      continue;
    }
    if (!current) continue;
    const setting = /^_id:\S+ name:(\S+)(?: pkg:\S*)? value:(.*?)(?: (?:default|defaultSystemSet|tag):.*)?$/.exec(line);
    if (setting) current.settings.set(setting[1]!, setting[2] === 'null' ? '' : setting[2]!);
    else if (line.trim() === '' || line.startsWith('Historical operations')) current = null;
  }
  return blocks;
}
