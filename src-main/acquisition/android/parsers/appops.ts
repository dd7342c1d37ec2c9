// `dumpsys appops`: per package, each operation's mode and its last recorded access (`Access: [fg-s]
// 2022-03-07 18:05:34.325 (...)`) — recent location, camera, microphone or SMS use — and the user (or
// profile) it was used in, from the `Uid` line above the package (`u10a123` as UserHandle.formatUid
// prints it, `u10_a123` as ps does, or a number: user = uid / 100000).
export interface AppOp {
  packageName: string;
  /** The user or profile (0: the owner). */
  user: number;
  op: string;
  mode: string;
  lastAccess: string | null;
}

export function parseAppops(text: string): AppOp[] {
  const ops: AppOp[] = [];
  let packageName: string | null = null;
  let user = 0;
  let current: AppOp | null = null;
  for (const line of text.split('\n')) {
    const pkg = /^ {4}Package (\S+):\s*$/.exec(line);
    if (pkg) {
      packageName = pkg[1]!;
      current = null;
      continue;
    }
    if (/^ {2}\S/.test(line)) {
      // `Uid x:` or another section: operations after it are not a package's.
      const uid = /^ {2}Uid (?:u(\d+)_?a\d+|(\d+)):/.exec(line);
      if (uid) user = uid[1] !== undefined ? Number(uid[1]) : Math.floor(Number(uid[2]) / 100_000);
      else packageName = null;
      current = null;
      continue;
    }
    if (!packageName) continue;
    const op = /^ {6}([A-Z_0-9]+) \(([a-z_]+)(?:\s[^)]*)?\):/.exec(line);
    if (op) {
      current = { packageName, user, op: op[1]!, mode: op[2]!, lastAccess: null };
      ops.push(current);
      continue;
    }
    const access = /^ {8,}Access: \[[^\]]*\]\s*(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})/.exec(line);
    if (access && current && (current.lastAccess === null || access[1]! > current.lastAccess)) current.lastAccess = access[1]!;
  }
  return ops;
}
