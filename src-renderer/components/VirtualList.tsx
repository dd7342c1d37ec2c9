// A list that renders only the rows in view (plus a few), for thousands of findings: rows of one fixed
// height inside a scrolling frame, whose items may arrive later (fetched a page at a time: `itemAt` answers
// null until then, and `onRange` says which rows are in view). Keyboard users move with the arrow keys, Page
// Up/Down, Home and End: the list scrolls so the row is rendered, then focuses its button.
import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type ReactNode } from 'react';

interface VirtualListProps<T> {
  count: number;
  itemAt(index: number): T | null;
  rowHeight: number;
  height: number;
  label: string;
  /** The row, or its placeholder while its item is not there yet (it should hold a button all the same). */
  renderRow(item: T | null, index: number): ReactNode;
  onRange?(first: number, last: number): void;
}

const OVERSCAN = 6;

export function VirtualList<T>({ count, itemAt, rowHeight, height, label, renderRow, onRange }: VirtualListProps<T>) {
  const frame = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);
  useEffect(() => {
    if (last > first) onRange?.(first, last - 1);
  }, [first, last, onRange]);
  const focusRow = (index: number) => {
    const target = Math.max(0, Math.min(count - 1, index));
    const element = frame.current;
    if (!element) return;
    // Bring the row into view first (so it is rendered), then focus its button.
    const top = target * rowHeight;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + rowHeight > element.scrollTop + height) element.scrollTop = top + rowHeight - height;
    setScrollTop(element.scrollTop);
    requestAnimationFrame(() => element.querySelector<HTMLElement>(`[data-row="${target}"] button`)?.focus());
  };
  const onKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    const current = Number((document.activeElement?.closest('[data-row]') as HTMLElement | null)?.dataset.row ?? -1);
    const page = Math.max(1, Math.floor(height / rowHeight) - 1);
    const moves: Record<string, number> = { ArrowDown: current + 1, ArrowUp: current - 1, PageDown: current + page, PageUp: current - page, Home: 0, End: count - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    focusRow(moves[event.key]!);
  };
  return (
    <div ref={frame} className="virtual-list" style={{ height, overflowY: 'auto' }} onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)} onKeyDown={onKeyDown} role="list" aria-label={label} tabIndex={0}>
      <div style={{ height: count * rowHeight, position: 'relative' }}>
        {/* Rows keyed by their place, so that a row keeps its focus when its item arrives. */}
        {Array.from({ length: Math.max(0, last - first) }, (_, offset) => first + offset).map((index) => (
          <div key={index} role="listitem" aria-setsize={count} aria-posinset={index + 1} data-row={index} style={{ position: 'absolute', top: index * rowHeight, height: rowHeight, left: 0, right: 0 }}>
            {renderRow(itemAt(index), index)}
          </div>
        ))}
      </div>
    </div>
  );
}
