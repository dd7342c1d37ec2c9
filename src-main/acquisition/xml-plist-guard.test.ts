// The XML property-list guard: real plists pass (Apple's DOCTYPE included), and each bound — elements,
// depth, entity declarations — refuses a file just past it.
import * as plist from 'plist';
import { describe, expect, it } from 'vitest';
import { parsePropertyList } from './property-list.js';
import { checkXmlPlistShape, XmlPlistShapeError } from './xml-plist-guard.js';

const APPLE_HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n';

describe('the XML plist guard', () => {
  it('lets a real-looking plist through, with its DOCTYPE, comments and CDATA', () => {
    const xml = plist.build({ PayloadContent: [{ PayloadType: 'com.apple.mdm', Nested: { Deeper: [1, 2, 3] } }], IsSupervised: true });
    expect(xml.startsWith('<?xml')).toBe(true);
    expect(() => checkXmlPlistShape(xml)).not.toThrow();
    expect(parsePropertyList(Buffer.from(`${APPLE_HEADER}<!-- note --><plist version="1.0"><string><![CDATA[<a>]]></string></plist>`), 1024)).toBe('<a>');
  });

  it('counts elements, self-closing ones included, and refuses one past the budget', () => {
    const body = (n: number) => `${APPLE_HEADER}<plist version="1.0"><array>${'<true/>'.repeat(n)}</array></plist>`;
    expect(() => checkXmlPlistShape(body(98), 100)).not.toThrow(); // plist + array + 98
    expect(() => checkXmlPlistShape(body(99), 100)).toThrow(XmlPlistShapeError);
  });

  it('refuses nesting past the depth bound', () => {
    const nested = (depth: number) => `<plist version="1.0">${'<array>'.repeat(depth)}${'</array>'.repeat(depth)}</plist>`;
    expect(() => checkXmlPlistShape(nested(9), 1000, 10)).not.toThrow();
    expect(() => checkXmlPlistShape(nested(10), 1000, 10)).toThrow(/levels deep/);
  });

  it('refuses a document type with its own entities, and other declarations', () => {
    expect(() => checkXmlPlistShape('<?xml version="1.0"?><!DOCTYPE plist [<!ENTITY a "ha">]><plist><string>&a;</string></plist>')).toThrow(/entities/);
    expect(() => checkXmlPlistShape('<plist><!ELEMENT x ANY><string/></plist>')).toThrow(/declaration/);
  });
});
