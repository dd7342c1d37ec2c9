// An evidence report (the page a bundle carries) shown inside the window, as report/show-report.ts puts it:
// its own styles, nothing in it able to run.
import { useEffect, useRef } from 'react';
import { showReport } from '../report/show-report.js';

export function ReportView({ html, label }: { html: string; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (host.current) showReport(host.current, html);
  }, [html]);
  return <div ref={host} className="report-view" role="document" aria-label={label} />;
}
