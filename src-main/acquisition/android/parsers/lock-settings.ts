// `dumpsys lock_settings` (LockSettingsService): whether each user has a screen lock. Android 11 and later
// print, under `User State:`, `User N` then `CredentialType: None|Pin|Pattern|Password` (upper case since
// Android 14: NONE, PIN…); Android 8–10 print only `SID = …`, which is 0 when no PIN, pattern or password
// protects the user. Only the user blocks are read: the Storage section below also names users.
export interface ScreenLock {
  user: number;
  /** `none`, `pin`, `pattern`, `password`, or what the phone printed (lower case); null when it said nothing. */
  credential: string | null;
}

const SECTION = /^[A-Z][\w ]*:$/;

export function parseLockSettings(text: string): ScreenLock[] {
  const locks = new Map<number, ScreenLock>();
  let user: number | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    // A section header at the margin other than the users' ends them.
    if (raw === line && SECTION.test(line) && line !== 'User State:') {
      user = null;
      continue;
    }
    const userMatch = /^User (\d{1,6})$/.exec(line);
    if (userMatch) {
      user = Number(userMatch[1]);
      if (!locks.has(user)) locks.set(user, { user, credential: null });
      continue;
    }
    if (user === null) continue;
    const credential = /^CredentialType: (\S+)$/i.exec(line);
    if (credential) {
      locks.get(user)!.credential = credential[1]!.toLowerCase();
      continue;
    }
    // Android 8–10: no credential type; a secure user id of 0 means nothing protects the user.
    const sid = /^SID = ([0-9a-f]+)$/i.exec(line);
    if (sid && locks.get(user)!.credential === null) locks.get(user)!.credential = /^0+$/.test(sid[1]!) ? 'none' : 'set';
  }
  return [...locks.values()];
}
