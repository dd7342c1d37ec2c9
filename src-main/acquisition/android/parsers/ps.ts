// `ps -A`: `USER PID PPID VSZ RSS WCHAN ADDR S NAME` per process (kernel threads are in [brackets]). Also
// reads a bugreport's `ps -A -T -Z -O …` (a LABEL column first, one row per thread, the name under CMD):
// there, only each process's main thread (TID = PID) is kept.
export interface PsProcess {
  user: string;
  pid: number;
  ppid: number;
  name: string;
}

export function parsePs(text: string): PsProcess[] {
  const lines = text.split('\n');
  const header = lines[0]?.trim().split(/\s+/) ?? [];
  const column = (name: string) => header.indexOf(name);
  const [user, pid, ppid, tid] = [column('USER'), column('PID'), column('PPID'), column('TID')];
  const nameColumn = column('NAME') >= 0 ? column('NAME') : column('CMD');
  if (user < 0 || pid < 0 || ppid < 0 || nameColumn < 0 || nameColumn !== header.length - 1) return [];
  const processes: PsProcess[] = [];
  for (const line of lines.slice(1)) {
    const columns = line.trim().split(/\s+/);
    if (columns.length <= nameColumn) continue;
    const [userValue, pidValue, ppidValue] = [columns[user]!, columns[pid]!, columns[ppid]!];
    if (!/^\d+$/.test(pidValue) || !/^\d+$/.test(ppidValue)) continue;
    if (tid >= 0 && columns[tid] !== pidValue) continue;
    processes.push({ user: userValue, pid: Number(pidValue), ppid: Number(ppidValue), name: columns.slice(nameColumn).join(' ') });
  }
  return processes;
}
