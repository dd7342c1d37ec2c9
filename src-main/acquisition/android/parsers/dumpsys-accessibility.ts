// `dumpsys accessibility`: the enabled (and, where listed, bound) accessibility services, in the format
// of Android up to 13 (`enabled services: { 0 : pkg/cls }`) and from 14 (`Enabled services:{{pkg/cls}}`).
export interface AccessibilityServices {
  enabled: string[];
  bound: string[];
}

const COMPONENT = /[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)+\/[A-Za-z0-9_.$]+/g;

function block(text: string, label: RegExp): string {
  const start = text.search(label);
  if (start < 0) return '';
  const open = text.indexOf('{', start);
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    if (text[i] === '{') depth += 1;
    else if (text[i] === '}' && --depth === 0) return text.slice(open, i + 1);
  }
  return text.slice(open);
}

export function parseAccessibility(text: string): AccessibilityServices {
  const enabled = block(text, /enabled services:\s*\{/i).match(COMPONENT) ?? [];
  const bound = block(text, /bound services:\s*\{/i).match(COMPONENT) ?? [];
  return { enabled: [...new Set(enabled)], bound: [...new Set(bound)] };
}
