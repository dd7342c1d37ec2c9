// `cmd package query-activities --brief -a android.intent.action.MAIN -c android.intent.category.LAUNCHER`
// (and `resolve-activity` for the home screen): the packages with an activity, whether printed as
// `com.example/.MainActivity` (brief) or as `packageName=com.example` (verbose).
export function parseActivityPackages(text: string): Set<string> {
  const packages = new Set<string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const component = /^([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)+)\/[A-Za-z0-9_.$]+$/.exec(line);
    if (component) packages.add(component[1]!);
    const verbose = /^packageName=([A-Za-z0-9_.]+)$/.exec(line);
    if (verbose) packages.add(verbose[1]!);
  }
  return packages;
}
