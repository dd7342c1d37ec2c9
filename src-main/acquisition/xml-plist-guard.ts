// A structural check run on every XML property list before the `plist` library (which builds a whole DOM
// with xmldom) parses it: the XML counterpart of ios/bplist-guard.ts. One linear pass over the tags counts
// the elements and the nesting depth and refuses document type declarations (entities). Measured here,
// xmldom takes about 8 µs and 1.4 KB per element (250,000 elements: 2 s and 400 MB), so XML gets a lower
// element budget than binary plists; a 31 MB file of tiny elements is refused in milliseconds instead of
// taking a minute and gigabytes.

/** More elements than any real XML plist holds (a backup's Info.plist lists a few hundred apps). */
export const MAX_XML_ELEMENTS = 200_000;
/** Deeper than any real plist nests (configuration profiles: under 10). */
export const MAX_PLIST_DEPTH = 128;

export class XmlPlistShapeError extends Error {}

const TAG = /<(\/?)([A-Za-z][\w.:-]*)\b[^<>]*?(\/?)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<!([A-Za-z]+)/g;

/** Throws XmlPlistShapeError unless the XML's elements and depth stay within bounds and it declares no entities. */
export function checkXmlPlistShape(text: string, maxElements = MAX_XML_ELEMENTS, maxDepth = MAX_PLIST_DEPTH): void {
  let elements = 0;
  let depth = 0;
  for (const match of text.matchAll(TAG)) {
    const declaration = match[4];
    if (declaration !== undefined) {
      if (declaration.toUpperCase() !== 'DOCTYPE') throw new XmlPlistShapeError(`an unexpected <!${declaration}> declaration`);
      // A DOCTYPE naming Apple's DTD is normal; an internal subset (entities, which can expand without end) is not.
      const end = text.indexOf('>', match.index);
      if (end < 0 || text.slice(match.index, end).includes('[')) throw new XmlPlistShapeError('a document type declaration with its own entities');
      continue;
    }
    const name = match[2];
    if (name === undefined) continue; // a comment, processing instruction or CDATA section
    if (match[1] === '/') {
      depth -= 1;
      continue;
    }
    elements += 1;
    if (elements > maxElements) throw new XmlPlistShapeError(`more than ${maxElements} elements`);
    if (match[3] !== '/') {
      depth += 1;
      if (depth > maxDepth) throw new XmlPlistShapeError(`nested more than ${maxDepth} levels deep`);
    }
  }
}
