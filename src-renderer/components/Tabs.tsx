// A row of tabs as the ARIA pattern has it: one tab in the Tab order (the selected one), the arrow keys,
// Home and End move between tabs and select them, and each tab names the panel it controls. The caller
// renders that panel with `tabPanelProps`.
import { useRef, type KeyboardEvent } from 'react';

interface TabsProps<T extends string> {
  /** Prefix of the tabs' and panels' ids, unique on the screen. */
  id: string;
  label: string;
  items: readonly T[];
  selected: NoInfer<T>;
  name(item: NoInfer<T>): string;
  onSelect(item: NoInfer<T>): void;
}

export function Tabs<T extends string>({ id, label, items, selected, name, onSelect }: TabsProps<T>) {
  const list = useRef<HTMLDivElement>(null);
  const move = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const last = items.length - 1;
    const target = { ArrowRight: index === last ? 0 : index + 1, ArrowLeft: index === 0 ? last : index - 1, Home: 0, End: last }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    onSelect(items[target]!);
    list.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]')[target]?.focus();
  };
  return (
    <div role="tablist" aria-label={label} className="tabs" ref={list}>
      {items.map((item, index) => (
        <button
          key={item}
          id={`${id}-tab-${item}`}
          type="button"
          role="tab"
          aria-selected={item === selected}
          aria-controls={`${id}-panel-${item}`}
          tabIndex={item === selected ? 0 : -1}
          onClick={() => onSelect(item)}
          onKeyDown={(event) => move(event, index)}
        >
          {name(item)}
        </button>
      ))}
    </div>
  );
}

/** The attributes of the panel a tab controls. */
export function tabPanelProps(id: string, selected: string): { role: 'tabpanel'; id: string; 'aria-labelledby': string } {
  return { role: 'tabpanel', id: `${id}-panel-${selected}`, 'aria-labelledby': `${id}-tab-${selected}` };
}
