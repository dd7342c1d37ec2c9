// Which kind of evidence an artifact is, so an export can leave a kind out (an APK is large; browsing
// history is intimate): app packages, browsing history, other iPhone backup files, command outputs, files.
import type { ArtifactClass } from '../../src-shared/bundle.js';
import type { ArtifactCapture } from '../../src-shared/model.js';

const HISTORY = /(^|\/)(History|History\.db|places\.sqlite|browser\.db)$/i;

export function artifactClass(captures: readonly ArtifactCapture[]): ArtifactClass {
  if (captures.some((capture) => capture.path?.toLowerCase().endsWith('.apk'))) return 'apps';
  if (captures.some((capture) => capture.path !== null && HISTORY.test(capture.path))) return 'browsing-history';
  if (captures.some((capture) => (capture.source === 'ios-backup' || capture.source === 'ios-live') && capture.path !== null && capture.command === null)) return 'backup-files';
  if (captures.some((capture) => capture.command !== null)) return 'listings';
  return 'files';
}
