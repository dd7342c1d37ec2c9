// `dumpsys backup` (UserBackupManagerService.dumpInternal, Android 10 and later; the same lines before, without
// a user): for each user, `[User N:]Backup Manager is enabled / …`, then `[User N:]Available transports:`
// and, per transport, `  * name` for the one in use (`    name` for the others), then `       destination: …`
// — what Settings shows as the backup account (the Google account's address for Google's transport). The
// system user's lines carry no prefix. Line by line, no pattern that can backtrack over a long line.
export interface BackupTransport {
  user: number;
  /** The transport's name: `com.google.android.gms/.backup.BackupTransportService`… */
  transport: string;
  /** Whether it is the transport backups go through now. */
  current: boolean;
  /** Where it backs up to, as the transport says (an account's address): personal data. Null when not said. */
  destination: string | null;
  /** Whether backup is turned on for the user. */
  enabled: boolean;
}

const PREFIX = /^User (\d{1,6}):/;
const DESTINATION = '       destination: ';

export function parseDumpsysBackup(text: string): BackupTransport[] {
  const transports: BackupTransport[] = [];
  let user = 0;
  let enabled = false;
  let inTransports = false;
  let last: BackupTransport | null = null;
  for (const line of text.split('\n')) {
    const prefixed = PREFIX.exec(line);
    const body = prefixed ? line.slice(prefixed[0].length) : line;
    if (body.startsWith('Backup Manager is ')) {
      user = prefixed ? Number(prefixed[1]) : 0;
      enabled = body.startsWith('Backup Manager is enabled');
      inTransports = false;
      last = null;
      continue;
    }
    if (body === 'Available transports:') {
      inTransports = true;
      last = null;
      continue;
    }
    if (!inTransports) continue;
    if (line.startsWith(DESTINATION)) {
      if (last && last.destination === null) {
        const destination = line.slice(DESTINATION.length).trim();
        last.destination = destination && destination !== 'null' ? destination.slice(0, 500) : null;
      }
      continue;
    }
    const name = line.startsWith('  * ') ? line.slice(4) : line.startsWith('    ') && line[4] !== ' ' ? line.slice(4) : null;
    if (name !== null && /^[\w.$/-]{1,300}$/.test(name.trim())) {
      last = { user, transport: name.trim(), current: line.startsWith('  * '), destination: null, enabled };
      transports.push(last);
      continue;
    }
    // Anything else at the left margin (the transport clients, `Pending init:`) ends the list.
    if (!line.startsWith('       ')) inTransports = false;
  }
  return transports;
}
