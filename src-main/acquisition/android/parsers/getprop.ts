// `getprop`: `[key]: [value]` lines, as every Android version prints them (values may span lines).
export function parseGetprop(text: string): Map<string, string> {
  const properties = new Map<string, string>();
  for (const match of text.matchAll(/^\[([^\]]+)\]: \[([\s\S]*?)\]$/gm)) properties.set(match[1]!, match[2]!);
  return properties;
}
