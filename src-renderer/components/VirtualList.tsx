// A list that renders only the rows in view (plus a few), for thousands of findings: rows of one fixed
// height inside a scrolling frame. Keyboard users move with the arrow keys, Page Up/Down, Home and End: the
// list scrolls so the row is rendered, then focuses its button.
import { useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type ReactNode } from 'react';

interface VirtualListProps<T> {
  items: readonly T[];
  rowHeight: number;
  height: number;
  label: string;
  getKey(item: T): string;
  renderRow(item: T, index: number): ReactNode;
}

const OVERSCAN = 6;

export function VirtualList<T>({ items, rowHeight, height, label, getKey, renderRow }: VirtualListProps<T>) {
  const frame = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);
  const focusRow = (index: number) => {
    const target = Math.max(0, Math.min(items.length - 1, index));
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
    const moves: Record<string, number> = { ArrowDown: current + 1, ArrowUp: current - 1, PageDown: current + page, PageUp: current - page, Home: 0, End: items.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    focusRow(moves[event.key]!);
  };
  return (
    <div ref={frame} className="virtual-list" style={{ height, overflowY: 'auto' }} onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)} onKeyDown={onKeyDown} role="list" aria-label={label} tabIndex={0}>
      <div style={{ height: items.length * rowHeight, position: 'relative' }}>
        {items.slice(first, last).map((item, offset) => (
          <div key={getKey(item)} role="listitem" aria-setsize={items.length} aria-posinset={first + offset + 1} data-row={first + offset} style={{ position: 'absolute', top: (first + offset) * rowHeight, height: rowHeight, left: 0, right: 0 }}>
            {renderRow(item, first + offset)}
          </div>
        ))}
      </div>
    </div>
  );
}
