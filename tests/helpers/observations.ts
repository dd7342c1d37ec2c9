// Builders for observations as the collectors will produce them (shapes from src-shared/observations.ts),
// for detection tests. The apps modelled on are real (Gboard, Pixel Launcher, a smartwatch companion,
// known stalkerware packages); values are written by hand, not recorded from a phone.
import type { Observation } from '../../src-shared/model.js';
import { observationSchemas, type ObservationKind } from '../../src-shared/observations.js';

let nextId = 1;

export function observation<K extends ObservationKind>(kind: K, data: Record<string, unknown>, subject = ''): Observation {
  const id = nextId++;
  return {
    id,
    caseId: 'TEST-0001',
    scanId: null,
    kind,
    subject,
    data: observationSchemas[kind].parse(data) as Record<string, unknown>,
    artifactSha256s: [id.toString(16).padStart(64, '0')],
    observedAt: '2026-11-23T10:00:00.000Z',
  };
}

const P = 'android.permission.';

/** An app installed from Google Play, with an icon, no special rights: override what the test is about. */
export function androidPackage(packageName: string, overrides: Record<string, unknown> = {}): Observation {
  return observation('android.package', { packageName, label: null, installer: 'com.android.vending', isSystem: false, hasLauncherIcon: true, grantedPermissions: [], ...overrides }, packageName);
}

export function sideloaded(packageName: string, overrides: Record<string, unknown> = {}): Observation {
  return androidPackage(packageName, { installer: 'com.google.android.packageinstaller', ...overrides });
}

export function permissions(...names: string[]): string[] {
  return names.map((name) => P + name);
}

export function accessibility(packageName: string, enabled = true): Observation {
  return observation('android.accessibility-service', { packageName, component: `${packageName}/.AccessService`, enabled, bound: enabled }, packageName);
}

export function deviceAdmin(packageName: string, role: 'admin' | 'device-owner' | 'profile-owner' = 'admin'): Observation {
  return observation('android.device-admin', { packageName, component: `${packageName}/.AdminReceiver`, role }, packageName);
}

export function notificationListener(packageName: string): Observation {
  return observation('android.notification-listener', { packageName, component: `${packageName}/.NotificationService` }, packageName);
}

export function setting(namespace: 'secure' | 'global' | 'system', key: string, value: string): Observation {
  return observation('android.setting', { namespace, key, value }, `${namespace}:${key}`);
}
