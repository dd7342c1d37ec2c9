// Showing an evidence report (the self-contained page a bundle carries, src-main/evidence/report.ts) inside
// another page — the app's preview before sealing, and the lawyer's reader — in a shadow root: its styles
// stay its own, it paginates like the page around it when printed, and nothing in it can run. The report is
// Sentinelle's own escaped HTML; it is still read as untrusted: only elements and attributes that display
// text are kept, and its style sheet is adopted through the CSS object model (no inline style, so the same
// under the app's strict content policy and the reader's).

/** Elements a report is made of; anything else (script, iframe, form, link, image…) is dropped with its content. */
const KEPT_ELEMENTS = new Set(['MAIN', 'H1', 'H2', 'H3', 'H4', 'P', 'UL', 'OL', 'LI', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD', 'ARTICLE', 'SECTION', 'SPAN', 'STRONG', 'EM', 'CODE', 'BR', 'DIV', 'SMALL', 'BDI']);
const KEPT_ATTRIBUTES = new Set(['class', 'lang', 'dir', 'colspan', 'rowspan']);

/** Puts the report in `host`'s shadow root (replacing what was there) and returns the root. */
export function showReport(host: HTMLElement, html: string): ShadowRoot {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const styles = [...parsed.querySelectorAll('style')].map((style) => style.textContent ?? '').join('\n');
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(styles);
  root.adoptedStyleSheets = [sheet];
  root.replaceChildren(...[...parsed.body.childNodes].map((node) => cleanNode(node)).filter((node): node is Node => node !== null));
  return root;
}

function cleanNode(node: Node): Node | null {
  if (node.nodeType === Node.TEXT_NODE) return document.createTextNode(node.textContent ?? '');
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  const element = node as Element;
  if (!KEPT_ELEMENTS.has(element.tagName)) return null;
  const copy = document.createElement(element.tagName.toLowerCase());
  for (const attribute of element.attributes) if (KEPT_ATTRIBUTES.has(attribute.name)) copy.setAttribute(attribute.name, attribute.value);
  for (const child of element.childNodes) {
    const cleaned = cleanNode(child);
    if (cleaned) copy.append(cleaned);
  }
  return copy;
}
