// Passphrases said aloud: Sentinelle generates them as common words of her language in lower case, separated
// by single spaces (src-main/evidence/spoken-passphrase.ts). Whoever types one after hearing it may add a
// capital or a second space; readers try the words as typed and then in this simple form. The bundle format
// itself takes a passphrase exactly as given (docs/bundle-format.md, section 4).

/** The passphrase in lower case, with single spaces between words and none around them. */
export function simplifiedPassphrase(passphrase: string): string {
  return passphrase.trim().toLowerCase().replace(/\s+/g, ' ');
}
