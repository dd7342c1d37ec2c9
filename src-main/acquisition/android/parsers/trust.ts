// `dumpsys trust` (TrustManagerService): for each user, ` User "Owner" (id=0, flags=0xc13) (current):
// trusted=0, trustManaged=1, …` then `   Enabled agents:` and, per agent, its component on one line and
// `     bound=1, connected=1, managingTrust=1, trusted=0` on the next (`message="…"` after it while it keeps the
// phone unlocked). Smart Lock is Google's agent (`com.google.android.gms/.auth.trustagent.GoogleTrustAgent`):
// a trusted device, place or on-body detection keeps the phone unlocked. Values are read as `key=value`
// pairs, whatever their order (Android 14 adds `isActiveUnlockRunning=`).
export interface TrustAgent {
  user: number;
  component: string;
  /** The agent is in charge of keeping this user's phone unlocked (a trusted device, place… is set). */
  managingTrust: boolean;
  /** It keeps the phone unlocked right now. */
  trusted: boolean;
  message: string | null;
}

const USER = /^ User ".*" \(id=(\d{1,6}),/;
const COMPONENT = /^[A-Za-z][\w.]*\/[\w.$]+$/;

function pairs(line: string): Map<string, string> {
  return new Map(line.split(',').map((pair) => pair.trim().split('=')).filter((pair) => pair.length === 2).map(([key, value]) => [key!, value!]));
}

export function parseDumpsysTrust(text: string): TrustAgent[] {
  const agents: TrustAgent[] = [];
  let user: number | null = null;
  let inAgents = false;
  let pending: TrustAgent | null = null;
  for (const raw of text.split('\n')) {
    const userMatch = USER.exec(raw);
    if (userMatch) {
      user = Number(userMatch[1]);
      inAgents = false;
      continue;
    }
    const line = raw.trim();
    if (line === 'Enabled agents:') {
      inAgents = user !== null;
      continue;
    }
    if (line === 'Events:') {
      inAgents = false;
      continue;
    }
    if (!inAgents || user === null) continue;
    if (COMPONENT.test(line)) {
      pending = { user, component: line, managingTrust: false, trusted: false, message: null };
      agents.push(pending);
    } else if (pending && line.startsWith('bound=')) {
      const values = pairs(line);
      pending.managingTrust = values.get('managingTrust') === '1';
      pending.trusted = values.get('trusted') === '1';
    } else if (pending && line.startsWith('message="') && line.endsWith('"')) {
      pending.message = line.slice('message="'.length, -1).slice(0, 500);
    }
  }
  return agents;
}
