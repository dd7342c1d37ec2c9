// The only commands that change a phone, kept apart from the read-only allow-list that scans use:
// disabling an app for the phone's user, and enabling it again. Both are reversible (`pm disable-user` keeps
// the app and its data; `pm enable` restores it). They are sent only by an explicit, confirmed containment
// step (src-main/response/containment.ts) — never by a scan.
import { SentinelleError } from '../../../src-shared/errors.js';

/** An Android package name: dot-separated Java identifiers; nothing a shell would interpret. */
const PACKAGE_NAME = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$/;

export type ContainmentAction = 'disable' | 'enable';

export interface ContainmentCommand {
  readonly action: ContainmentAction;
  readonly packageName: string;
  readonly text: string;
  /** What the phone prints when the change was made. */
  readonly accepted: RegExp;
}

export function containmentCommand(action: ContainmentAction, packageName: string): ContainmentCommand {
  if (!PACKAGE_NAME.test(packageName) || packageName.length > 255) {
    throw new SentinelleError('acquisition.command-refused', 'Sentinelle refused to act on an app whose name is not a valid Android package name.', { technical: `refused package: ${packageName}` });
  }
  return action === 'disable'
    ? { action, packageName, text: `pm disable-user --user 0 ${packageName}`, accepted: new RegExp(`new state: disabled-user`) }
    : { action, packageName, text: `pm enable --user 0 ${packageName}`, accepted: new RegExp(`new state: enabled`) };
}

/** Throws unless the command is exactly one of the two containment commands. */
export function assertContainmentCommand(command: string): void {
  const match = /^pm (disable-user|enable) --user 0 (\S+)$/.exec(command);
  const rebuilt = match ? containmentCommand(match[1] === 'enable' ? 'enable' : 'disable', match[2]!).text : null;
  if (rebuilt !== command) {
    throw new SentinelleError('acquisition.command-refused', 'Sentinelle refused to send a command that is not one of its two reversible containment steps.', { technical: `refused command: ${command}` });
  }
}
