/**
 * Long lists (a 5,000-row annex plans ~10,000 writes) are shown a page at a time, so the pane
 * keeps a few dozen rows in the page whatever the sheet's length.
 */
import { Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { formatCount } from "../format";
import { useLanguage, useStrings } from "../i18n";

export const PAGE_SIZE = 50;

const useStyles = makeStyles({
  pager: { display: "flex", alignItems: "center", justifyContent: "space-between", columnGap: tokens.spacingHorizontalS },
  range: { color: tokens.colorNeutralForeground2, whiteSpace: "nowrap" },
});

export interface Page {
  /** Index of the page's first item. */
  start: number;
  end: number;
  total: number;
  setStart(start: number): void;
  /** Shows the page holding item `index`. */
  showItem(index: number): void;
}

/** The page of a list of `total` items; back to the first page when `resetKey` changes. */
export function usePage(total: number, resetKey: unknown, pageSize = PAGE_SIZE): Page {
  const [start, setStart] = useState(0);
  useEffect(() => setStart(0), [resetKey]);
  const first = start < total ? start : 0;
  return {
    start: first,
    end: Math.min(first + pageSize, total),
    total,
    setStart,
    showItem: (index) => setStart(Math.floor(index / pageSize) * pageSize),
  };
}

export function Pager({ page, testId, pageSize = PAGE_SIZE }: { page: Page; testId: string; pageSize?: number }) {
  const s = useStrings();
  const language = useLanguage();
  const styles = useStyles();
  if (page.total <= pageSize) return null;
  const n = (value: number) => formatCount(value, language);
  return (
    <nav className={styles.pager} aria-label={s.pagerLabel} data-testid={testId}>
      <Button
        size="small"
        onClick={() => page.setStart(Math.max(0, page.start - pageSize))}
        disabled={page.start === 0}
        data-testid={`${testId}-prev`}
      >
        {s.pagerPrevious}
      </Button>
      <Caption1 className={styles.range} aria-live="polite" data-testid={`${testId}-range`}>
        {s.pagerRange(n(page.start + 1), n(page.end), n(page.total))}
      </Caption1>
      <Button
        size="small"
        onClick={() => page.setStart(page.start + pageSize)}
        disabled={page.end >= page.total}
        data-testid={`${testId}-next`}
      >
        {s.pagerNext}
      </Button>
    </nav>
  );
}
