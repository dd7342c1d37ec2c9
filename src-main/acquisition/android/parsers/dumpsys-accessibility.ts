// `dumpsys accessibility`: the enabled (and, where listed, bound) accessibility services, in the format
// of Android up to 13 (`enabled services: { 0 : pkg/cls }`) and from 14 (`Enabled services:{{pkg/cls}}`).
export interface AccessibilityServices {
  enabled: string[];
  bound: string[];
}

/**
 * A component, tested on one token at a time (anchored, each part starting with its own separator), so the
 * work stays linear in the text: a pattern searched through a long run of letters backtracks from each one.
 */
const COMPONENT = /^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)+\/[A-Za-z0-9_.$]+$/;
/** Longer than any package and class name together (255 characters each on Android). */
const MAX_COMPONENT = 600;

function componentsIn(text: string): string[] {
  return text.split(/[^A-Za-z0-9_.$/]+/).filter((token) => token.length <= MAX_COMPONENT && COMPONENT.test(token));
}

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
  const enabled = componentsIn(block(text, /enabled services:\s*\{/i));
  const bound = componentsIn(block(text, /bound services:\s*\{/i));
  return { enabled: [...new Set(enabled)], bound: [...new Set(bound)] };
}
