// `ps -A`: `USER PID PPID VSZ RSS WCHAN ADDR S NAME` per process (kernel threads are in [brackets]).
export interface PsProcess {
  user: string;
  pid: number;
  ppid: number;
  name: string;
}

export function parsePs(text: string): PsProcess[] {
  const lines = text.split('\n');
  const header = lines[0]?.trim().split(/\s+/) ?? [];
  const nameColumn = header.indexOf('NAME');
  if (header[0] !== 'USER' || nameColumn < 0) return [];
  const processes: PsProcess[] = [];
  for (const line of lines.slice(1)) {
    const columns = line.trim().split(/\s+/);
    if (columns.length <= nameColumn) continue;
    const [user, pid, ppid] = columns as [string, string, string];
    if (!/^\d+$/.test(pid) || !/^\d+$/.test(ppid)) continue;
    processes.push({ user, pid: Number(pid), ppid: Number(ppid), name: columns.slice(nameColumn).join(' ') });
  }
  return processes;
}
