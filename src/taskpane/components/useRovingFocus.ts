/**
 * One Tab stop for a list: the active item has tabIndex 0, the others -1, and the arrow keys,
 * Home and End move between items (across pages, through `showItem`). Items carry
 * `data-roving-index`; the list's keydown handler and ref come from here.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from "react";

export interface RovingFocus {
  listRef: React.RefObject<HTMLUListElement>;
  /** The item that holds the list's Tab stop. */
  tabStop: number;
  onKeyDown(event: KeyboardEvent): void;
  /** Makes `index` the active item (a click, a focus) without moving focus. */
  setActive(index: number): void;
  /** Makes `index` active, shows its page and moves focus to it. */
  focusItem(index: number): void;
}

export function useRovingFocus(count: number, page: { start: number; end: number; showItem(index: number): void }): RovingFocus {
  const listRef = useRef<HTMLUListElement>(null);
  const [active, setActive] = useState(0);
  const [focusRequest, setFocusRequest] = useState<number | null>(null);
  const tabStop = active >= page.start && active < page.end ? active : page.start;

  useEffect(() => {
    if (focusRequest === null) return;
    const item = listRef.current?.querySelector<HTMLElement>(`[data-roving-index="${focusRequest}"]`);
    if (!item) return;
    item.focus();
    item.scrollIntoView?.({ block: "nearest" });
    setFocusRequest(null);
  }, [focusRequest, page.start]);

  const focusItem = (index: number) => {
    if (count === 0) return;
    const next = Math.max(0, Math.min(count - 1, index));
    page.showItem(next);
    setActive(next);
    setFocusRequest(next);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowDown: tabStop + 1, ArrowUp: tabStop - 1, Home: 0, End: count - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    focusItem(moves[event.key]);
  };

  return { listRef, tabStop, onKeyDown, setActive, focusItem };
}
