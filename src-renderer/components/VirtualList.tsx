// A list that renders only the rows in view (plus a few), for thousands of findings: rows of one fixed
// height inside a scrolling frame; keyboard users move with the arrow keys and the focused row follows.
import { useRef, useState, type ReactNode } from 'react';

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
  return (
    <div ref={frame} className="virtual-list" style={{ height, overflowY: 'auto' }} onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)} role="list" aria-label={label} tabIndex={0}>
      <div style={{ height: items.length * rowHeight, position: 'relative' }}>
        {items.slice(first, last).map((item, offset) => (
          <div key={getKey(item)} role="listitem" style={{ position: 'absolute', top: (first + offset) * rowHeight, height: rowHeight, left: 0, right: 0 }}>
            {renderRow(item, first + offset)}
          </div>
        ))}
      </div>
    </div>
  );
}
