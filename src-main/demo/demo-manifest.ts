// The simulated phones' AndroidManifest.xml in Android's compiled binary XML ("AXML"), as an APK carries it:
// a string pool, the resource ids of the android: attributes, then the element tree — the package name
// and the app's label as the phone shows it (an inline string, as apps without translations have). Only
// the demo's own APKs are written here; what a real phone gives is read with node-apk (apk-label.ts).
// Layout: ResChunk_header, ResStringPool_header, ResXMLTree_node and ResXMLTree_attrExt in AOSP's
// frameworks/base/libs/androidfw/include/androidfw/ResourceTypes.h.

const CHUNK = { stringPool: 0x0001, xml: 0x0003, startNamespace: 0x0100, endNamespace: 0x0101, startElement: 0x0102, endElement: 0x0103, resourceMap: 0x0180 } as const;
const ANDROID_NS = 'http://schemas.android.com/apk/res/android';
/** android:label's resource id in the framework (android.R.attr.label). */
const ATTR_LABEL = 0x01010001;
const NO_INDEX = 0xffffffff;
const TYPE_STRING = 0x03;

function chunk(type: number, header: Buffer, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt16LE(type, 0);
  head.writeUInt16LE(8 + header.length, 2);
  head.writeUInt32LE(8 + header.length + body.length, 4);
  return Buffer.concat([head, header, body]);
}

const u32s = (...values: number[]) => {
  const bytes = Buffer.alloc(values.length * 4);
  values.forEach((value, index) => bytes.writeUInt32LE(value >>> 0, index * 4));
  return bytes;
};

/** A UTF-16 string pool (length-prefixed, NUL-terminated entries, padded to four bytes). */
function stringPool(strings: readonly string[]): Buffer {
  const encoded = strings.map((value) => {
    const length = Buffer.alloc(2);
    length.writeUInt16LE(value.length);
    return Buffer.concat([length, Buffer.from(value, 'utf16le'), Buffer.alloc(2)]);
  });
  const offsets: number[] = [];
  let offset = 0;
  for (const entry of encoded) {
    offsets.push(offset);
    offset += entry.length;
  }
  let data = Buffer.concat(encoded);
  if (data.length % 4 !== 0) data = Buffer.concat([data, Buffer.alloc(4 - (data.length % 4))]);
  const stringsStart = 28 + strings.length * 4;
  return chunk(CHUNK.stringPool, u32s(strings.length, 0, 0, stringsStart, 0), Buffer.concat([u32s(...offsets), data]));
}

/** A node's header after the chunk header: line number and comment (none). */
const node = (line: number) => u32s(line, NO_INDEX);

interface Attribute {
  namespace: number;
  name: number;
  value: number;
}

function startElement(line: number, name: number, attributes: readonly Attribute[]): Buffer {
  const ext = Buffer.alloc(20);
  ext.writeUInt32LE(NO_INDEX, 0);
  ext.writeUInt32LE(name, 4);
  ext.writeUInt16LE(20, 8); // attributeStart
  ext.writeUInt16LE(20, 10); // attributeSize
  ext.writeUInt16LE(attributes.length, 12);
  const body = attributes.map((attribute) => {
    const bytes = Buffer.alloc(20);
    bytes.writeUInt32LE(attribute.namespace >>> 0, 0);
    bytes.writeUInt32LE(attribute.name, 4);
    bytes.writeUInt32LE(attribute.value, 8); // raw value: the string itself
    bytes.writeUInt16LE(8, 12); // Res_value.size
    bytes.writeUInt8(TYPE_STRING, 15);
    bytes.writeUInt32LE(attribute.value, 16);
    return bytes;
  });
  return chunk(CHUNK.startElement, node(line), Buffer.concat([ext, ...body]));
}

const endElement = (line: number, name: number) => chunk(CHUNK.endElement, node(line), u32s(NO_INDEX, name));

/** The compiled manifest of an app named `label` whose package is `packageName`. */
export function demoManifest(packageName: string, label: string): Buffer {
  // Attribute names with a resource id come first, in the order of the resource map.
  const strings = ['label', 'android', ANDROID_NS, 'package', 'manifest', 'application', packageName, label];
  const index = (value: string) => strings.indexOf(value);
  const namespace = () => u32s(index('android'), index(ANDROID_NS));
  return chunk(
    CHUNK.xml,
    Buffer.alloc(0),
    Buffer.concat([
      stringPool(strings),
      chunk(CHUNK.resourceMap, Buffer.alloc(0), u32s(ATTR_LABEL)),
      chunk(CHUNK.startNamespace, node(1), namespace()),
      startElement(1, index('manifest'), [{ namespace: NO_INDEX, name: index('package'), value: index(packageName) }]),
      startElement(2, index('application'), [{ namespace: index(ANDROID_NS), name: index('label'), value: strings.lastIndexOf(label) }]),
      endElement(2, index('application')),
      endElement(3, index('manifest')),
      chunk(CHUNK.endNamespace, node(3), namespace()),
    ]),
  );
}
