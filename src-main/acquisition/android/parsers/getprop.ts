// `getprop`: `[key]: [value]` lines, as every Android version prints them. A value may span lines (the
// text goes on until a line ends with `]`). Read line by line, in linear time, whatever the input.
const LINE = /^\[([^\]]+)\]: \[(.*)$/;
/** A value spread over more lines than this is a broken output: it is dropped. */
const MAX_VALUE_LINES = 200;

export function parseGetprop(text: string): Map<string, string> {
  const properties = new Map<string, string>();
  let open: { key: string; lines: string[] } | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (open) {
      open.lines.push(line);
      if (line.endsWith(']')) {
        properties.set(open.key, open.lines.join('\n').slice(0, -1));
        open = null;
      } else if (open.lines.length > MAX_VALUE_LINES) {
        open = null;
      }
      continue;
    }
    const match = LINE.exec(line);
    if (!match) continue;
    const [, key, rest] = match as unknown as [string, string, string];
    if (rest.endsWith(']')) properties.set(key, rest.slice(0, -1));
    else open = { key, lines: [rest] };
  }
  return properties;
}
