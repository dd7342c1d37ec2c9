// `dumpsys device_policy`: the device owner, profile owners and the enabled device administrators.
export interface DevicePolicy {
  deviceOwner: string | null;
  profileOwners: string[];
  /** Administrator components (`pkg/.Receiver`). */
  admins: string[];
}

export function parseDevicePolicy(text: string): DevicePolicy {
  const policy: DevicePolicy = { deviceOwner: null, profileOwners: [], admins: [] };
  const lines = text.split('\n');
  let section: 'device-owner' | 'profile-owner' | 'admins' | null = null;
  let adminIndent = -1;
  for (const line of lines) {
    const trimmed = line.trim();
    if (/^Device Owner:/.test(trimmed)) {
      section = 'device-owner';
      continue;
    }
    if (/^Profile Owner/.test(trimmed)) {
      section = 'profile-owner';
      continue;
    }
    if (/^Enabled Device Admins/.test(trimmed)) {
      section = 'admins';
      adminIndent = -1;
      continue;
    }
    const owner = /^(?:admin=ComponentInfo\{([^}]+)\}|package=(\S+))$/.exec(trimmed);
    if (owner && (section === 'device-owner' || section === 'profile-owner')) {
      const packageName = owner[2] ?? owner[1]!.split('/')[0]!;
      if (section === 'device-owner') policy.deviceOwner ??= packageName;
      else if (!policy.profileOwners.includes(packageName)) policy.profileOwners.push(packageName);
      continue;
    }
    if (section === 'admins') {
      const component = /^(\s*)([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)+\/[A-Za-z0-9_.$]+):\s*$/.exec(line);
      if (component && (adminIndent < 0 || component[1]!.length === adminIndent)) {
        adminIndent = component[1]!.length;
        policy.admins.push(component[2]!);
      } else if (trimmed !== '' && adminIndent >= 0 && line.length - line.trimStart().length < adminIndent) {
        section = null;
      }
    }
  }
  return policy;
}
