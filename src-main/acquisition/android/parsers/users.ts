// `pm list users` (Android 5+): `\tUserInfo{ID:NAME:FLAGS} running` per user, FLAGS in hex (UserInfo's
// flags: 0x4 guest, 0x20 managed profile, 0x1000 profile). The kind of each user or profile is read from
// its flags; `dumpsys user` names it exactly where the phone prints it (Android 11+: `Type: android.os.usertype.…`).
export interface AndroidUser {
  id: number;
  name: string;
  /** Android's user type without its `android.os.usertype.` prefix: `full.system`, `profile.managed`, `profile.private`, `full.guest`… */
  type: string;
  running: boolean;
}

const FLAG_GUEST = 0x4;
const FLAG_MANAGED_PROFILE = 0x20;
const FLAG_PROFILE = 0x1000;

function typeFromFlags(id: number, flags: number): string {
  if (flags & FLAG_MANAGED_PROFILE) return 'profile.managed';
  if (flags & FLAG_GUEST) return 'full.guest';
  if (flags & FLAG_PROFILE) return 'profile';
  return id === 0 ? 'full.system' : 'full.secondary';
}

const USER_INFO = /UserInfo\{(\d{1,6}):([^\n]*?):([0-9a-fA-F]{1,8})\}(.*)$/;
/** A `UserInfo{…}` line is a few hundred characters; a longer one is not searched (its lazy name would rescan it from each `UserInfo{`). */
const MAX_USER_LINE = 2048;
const userInfo = (line: string) => (line.length > MAX_USER_LINE ? null : USER_INFO.exec(line.trim()));

export function parsePmListUsers(text: string): AndroidUser[] {
  const users: AndroidUser[] = [];
  const seen = new Set<number>();
  for (const line of text.split('\n')) {
    const match = userInfo(line);
    if (!match) continue;
    const id = Number(match[1]);
    if (seen.has(id)) continue;
    seen.add(id);
    users.push({ id, name: match[2]!.trim(), type: typeFromFlags(id, parseInt(match[3]!, 16)), running: /\brunning\b/.test(match[4]!) });
  }
  return users;
}

/** `dumpsys user`: each user (`UserInfo{…}` lines) with its exact type where printed (`Type: android.os.usertype.profile.MANAGED`). */
export function parseDumpsysUser(text: string): AndroidUser[] {
  const users = new Map<number, AndroidUser>();
  let current: AndroidUser | null = null;
  for (const line of text.split('\n')) {
    const user = userInfo(line);
    if (user) {
      const id = Number(user[1]);
      current = users.get(id) ?? { id, name: user[2]!.trim(), type: typeFromFlags(id, parseInt(user[3]!, 16)), running: /\bstate=RUNNING/.test(user[4]!) };
      users.set(id, current);
      continue;
    }
    const type = /^\s*Type:\s*android\.os\.usertype\.([A-Za-z_.]+)\s*$/.exec(line);
    if (type && current) current.type = type[1]!.toLowerCase();
  }
  return [...users.values()];
}

/** The users as `pm list users` lists them, with the exact types `dumpsys user` gives; either alone when the other is missing. */
export function mergeUsers(listed: readonly AndroidUser[], dumped: readonly AndroidUser[]): AndroidUser[] {
  const types = new Map(dumped.map((user) => [user.id, user.type]));
  const base = listed.length > 0 ? listed : dumped;
  return base.map((user) => ({ ...user, type: types.get(user.id) ?? user.type }));
}
