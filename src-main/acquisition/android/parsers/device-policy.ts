// `dumpsys device_policy`: the device owner, profile owners and the enabled device administrators, with
// the user each profile owner and administrator belongs to (`Profile Owner (User 10):`,
// `Enabled Device Admins (User 10, provisioningState: 3):`).
export interface DevicePolicy {
  deviceOwner: string | null;
  profileOwners: string[];
  /** Administrator components (`pkg/.Receiver`). */
  admins: string[];
  /** The user of each profile owner (by package) and administrator (by component), when not the owner (0). */
  users: Map<string, number>;
}

export function parseDevicePolicy(text: string): DevicePolicy {
  const policy: DevicePolicy = { deviceOwner: null, profileOwners: [], admins: [], users: new Map() };
  const lines = text.split('\n');
  let section: 'device-owner' | 'profile-owner' | 'admins' | null = null;
  let adminIndent = -1;
  let user = 0;
  const userIn = (header: string) => Number(/\(User (\d{1,6})/.exec(header)?.[1] ?? '0');
  for (const line of lines) {
    const trimmed = line.trim();
    if (/^Device Owner:/.test(trimmed)) {
      section = 'device-owner';
      continue;
    }
    if (/^Profile Owner/.test(trimmed)) {
      section = 'profile-owner';
      user = userIn(trimmed);
      continue;
    }
    if (/^Enabled Device Admins/.test(trimmed)) {
      section = 'admins';
      adminIndent = -1;
      user = userIn(trimmed);
      continue;
    }
    const owner = /^(?:admin=ComponentInfo\{([^}]+)\}|package=(\S+))$/.exec(trimmed);
    if (owner && (section === 'device-owner' || section === 'profile-owner')) {
      const packageName = owner[2] ?? owner[1]!.split('/')[0]!;
      if (section === 'device-owner') policy.deviceOwner ??= packageName;
      else if (!policy.profileOwners.includes(packageName)) {
        policy.profileOwners.push(packageName);
        if (user !== 0) policy.users.set(packageName, user);
      }
      continue;
    }
    if (section === 'admins') {
      const component = /^(\s*)([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)+\/[A-Za-z0-9_.$]+):\s*$/.exec(line);
      if (component && (adminIndent < 0 || component[1]!.length === adminIndent)) {
        adminIndent = component[1]!.length;
        policy.admins.push(component[2]!);
        if (user !== 0) policy.users.set(component[2]!, user);
      } else if (trimmed !== '' && adminIndent >= 0 && line.length - line.trimStart().length < adminIndent) {
        section = null;
      }
    }
  }
  return policy;
}
