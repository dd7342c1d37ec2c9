// What the system's print dialog prints while this is shown: its content, rendered beside the app (outside
// the window's root), is the only thing the print style sheet lets through — the report's preview, the
// hand-over sheet. Nothing is written to disk to print it.
import { useEffect, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

export function PrintArea({ children, label }: { children: ReactNode; label: string }) {
  useEffect(() => {
    document.body.classList.add('has-print-area');
    return () => document.body.classList.remove('has-print-area');
  }, []);
  return createPortal(
    <div className="print-area" aria-hidden="true" data-label={label}>
      {children}
    </div>,
    document.body,
  );
}

/** Opens the system's print dialog on what the print area holds. */
export function printNow(): void {
  window.print();
}
