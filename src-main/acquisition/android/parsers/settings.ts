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
