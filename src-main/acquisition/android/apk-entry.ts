// One file out of an APK (a zip the abuser made), read with a cap: the entry must be there once (two entries
// of one name are refused, as Android's installer refuses them), declare at most `maxBytes`, and inflate to
// exactly what it declares (yauzl checks as it inflates) — a 3 MiB APK whose manifest inflates to gigabytes
// costs at most `maxBytes`.
import yauzl from 'yauzl';

export function readApkEntry(apk: Buffer, name: string, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(apk, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('not a zip'));
      let found: Buffer | null = null;
      const fail = (reason: Error) => {
        zip.close();
        reject(reason);
      };
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== name) return zip.readEntry();
        if (found) return fail(new Error(`${name} is in the APK twice`));
        if (entry.uncompressedSize > maxBytes) return fail(new Error(`${name} declares ${entry.uncompressedSize} bytes, over ${maxBytes}`));
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return fail(streamError ?? new Error(`${name} cannot be read`));
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            found = Buffer.concat(chunks);
            zip.readEntry();
          });
          stream.on('error', fail);
        });
      });
      zip.on('end', () => (found ? resolve(found) : reject(new Error(`${name} is not in the APK`))));
      zip.on('error', fail);
      zip.readEntry();
    });
  });
}
