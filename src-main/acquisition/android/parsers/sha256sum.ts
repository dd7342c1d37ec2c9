// `sha256sum FILE…` (toybox): `<64 hex digits>  <path>` per file.
export function parseSha256sum(text: string): Map<string, string> {
  const hashes = new Map<string, string>();
  for (const match of text.matchAll(/^([0-9a-f]{64})[ \t]+\*?(.+)$/gm)) hashes.set(match[2]!.trim(), match[1]!);
  return hashes;
}
