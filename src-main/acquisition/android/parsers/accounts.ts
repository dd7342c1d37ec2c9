// `dumpsys account` (AccountManagerService.dump): for each user, `User UserInfo{0:Owner:c13}:`, then
// `  Accounts: N` and one `    Account {name=…, type=…}` per account signed in on the phone (the name as
// stored, which may hold spaces, commas or `#`; the type is the authenticator's, `com.google` for Google).
// Line by line, no pattern that can backtrack over a long name.
export interface PhoneAccount {
  user: number;
  /** The account's type: `com.google`, `com.whatsapp`, `com.osp.app.signin` (Samsung)… */
  type: string;
  /** The account's name as the phone shows it (an address, a number): personal data. */
  name: string;
}

const USER = /^User UserInfo\{(\d{1,6}):/;
const ACCOUNT_START = 'Account {name=';
const TYPE_MARK = ', type=';

export function parseDumpsysAccount(text: string): PhoneAccount[] {
  const accounts: PhoneAccount[] = [];
  let user = 0;
  for (const raw of text.split('\n')) {
    const userMatch = USER.exec(raw);
    if (userMatch) {
      user = Number(userMatch[1]);
      continue;
    }
    const line = raw.trim();
    if (!line.startsWith(ACCOUNT_START) || !line.endsWith('}')) continue;
    // The type is after the last ", type=": a name may itself hold ", type=".
    const body = line.slice(ACCOUNT_START.length, -1);
    const mark = body.lastIndexOf(TYPE_MARK);
    if (mark < 0) continue;
    const type = body.slice(mark + TYPE_MARK.length);
    if (!/^[\w.-]{1,200}$/.test(type)) continue;
    accounts.push({ user, type, name: body.slice(0, mark) });
  }
  return accounts;
}
