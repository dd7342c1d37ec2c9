// Zip archives built in tests (with yazl, the library the app itself uses to write zips): acquisitions,
// bugreports and APKs made from named buffers, or a folder's files under its own name (as androidqf zips it).
import fs from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';

export async function zipOf(files: Record<string, Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, bytes] of Object.entries(files)) zip.addBuffer(bytes, name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The files of a folder (not its subfolders) in a zip, under the folder's name. */
export function zipFolder(dir: string): Promise<Buffer> {
  const top = path.basename(dir);
  return zipOf(Object.fromEntries(fs.readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => [`${top}/${entry.name}`, fs.readFileSync(path.join(dir, entry.name))])));
}
