// `dumpsys appops`: per package, each operation's mode and its last recorded access (`Access: [fg-s]
// 2022-03-07 18:05:34.325 (...)`) — recent location, camera, microphone or SMS use.
export interface AppOp {
  packageName: string;
  op: string;
  mode: string;
  lastAccess: string | null;
}

export function parseAppops(text: string): AppOp[] {
  const ops: AppOp[] = [];
  let packageName: string | null = null;
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
      if (!/^ {2}Uid /.test(line)) packageName = null;
      current = null;
      continue;
    }
    if (!packageName) continue;
    const op = /^ {6}([A-Z_0-9]+) \(([a-z_]+)(?:\s[^)]*)?\):/.exec(line);
    if (op) {
      current = { packageName, op: op[1]!, mode: op[2]!, lastAccess: null };
      ops.push(current);
      continue;
    }
    const access = /^ {8,}Access: \[[^\]]*\]\s*(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})/.exec(line);
    if (access && current && (current.lastAccess === null || access[1]! > current.lastAccess)) current.lastAccess = access[1]!;
  }
  return ops;
}
