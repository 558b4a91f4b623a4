/**
 * The sections as one row of tabs at any pane width: tabs that do not fit move, in order, into a
 * "⋯" menu after the last visible one (Fluent's Overflow); the selected tab always stays visible.
 */
import {
  Badge,
  Button,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Overflow,
  OverflowItem,
  Tab,
  TabList,
  makeStyles,
  useIsOverflowItemVisible,
  useOverflowMenu,
} from "@fluentui/react-components";
import { useStrings } from "../i18n";

export type SectionId = "tables" | "tasks" | "fill" | "highlight" | "findings" | "summary" | "sync" | "department";

/** The annex sections; the sync sections follow when the pane has a sync service. */
export const SECTIONS: SectionId[] = ["tables", "fill", "highlight", "findings", "summary"];
/** A task list's sections: "Nhiệm vụ" (with its summary) instead of the fill and the indicator summary. */
export const TASK_SECTIONS: SectionId[] = ["tables", "tasks", "highlight", "findings"];
export const SYNC_SECTIONS: SectionId[] = ["sync", "department"];

const useStyles = makeStyles({
  tabs: { flexWrap: "nowrap", overflow: "hidden", minWidth: 0, whiteSpace: "nowrap" },
  more: { minWidth: "32px", flexShrink: 0 },
});

/** A small "⋯", drawn inline: the bundle needs no icon package. */
function MoreIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <circle cx="3" cy="8" r="1.4" fill="currentColor" />
      <circle cx="8" cy="8" r="1.4" fill="currentColor" />
      <circle cx="13" cy="8" r="1.4" fill="currentColor" />
    </svg>
  );
}

function useTabLabel(): (id: SectionId) => string {
  const s = useStrings();
  const labels: Record<SectionId, string> = {
    tables: s.tabTables,
    tasks: s.tabTasks,
    fill: s.tabFill,
    highlight: s.tabHighlight,
    findings: s.tabFindings,
    summary: s.tabSummary,
    sync: s.tabSync,
    department: s.tabDepartment,
  };
  return (id) => labels[id];
}

function HiddenTabItem({ id, onSelect }: { id: SectionId; onSelect: (id: SectionId) => void }) {
  const label = useTabLabel();
  if (useIsOverflowItemVisible(id)) return null;
  return (
    <MenuItem onClick={() => onSelect(id)} data-testid={`tab-menu-${id}`}>
      {label(id)}
    </MenuItem>
  );
}

function MoreTabsMenu({ ids, onSelect }: { ids: SectionId[]; onSelect: (id: SectionId) => void }) {
  const s = useStrings();
  const styles = useStyles();
  const { ref, isOverflowing, overflowCount } = useOverflowMenu<HTMLButtonElement>();
  if (!isOverflowing) return null;
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <Button
          ref={ref}
          className={styles.more}
          appearance="transparent"
          size="small"
          icon={<MoreIcon />}
          aria-label={s.moreTabs(overflowCount)}
          title={s.moreTabs(overflowCount)}
          data-testid="tabs-more"
        />
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {ids.map((id) => (
            <HiddenTabItem key={id} id={id} onSelect={onSelect} />
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

export interface SectionTabsProps {
  ids: SectionId[];
  selected: SectionId;
  onSelect: (id: SectionId) => void;
  /** Errors found in the table, shown on the Kiểm tra tab. */
  errorCount: number;
}

export function SectionTabs({ ids, selected, onSelect, errorCount }: SectionTabsProps) {
  const s = useStrings();
  const styles = useStyles();
  const label = useTabLabel();
  return (
    <Overflow minimumVisible={2}>
      <TabList
        className={styles.tabs}
        selectedValue={selected}
        onTabSelect={(_, data) => onSelect(data.value as SectionId)}
        aria-label={s.tabsLabel}
        size="small"
      >
        {ids.map((id) => (
          <OverflowItem key={id} id={id} priority={id === selected ? 2 : 1}>
            <Tab value={id} id={`tab-${id}`} data-testid={`tab-${id}`} aria-controls={`panel-${id}`}>
              {label(id)}
              {id === "findings" && errorCount > 0 ? (
                <>
                  {" "}
                  <Badge size="small" color="danger" appearance="filled" aria-label={`${errorCount} ${s.severity.error}`}>
                    {errorCount}
                  </Badge>
                </>
              ) : null}
            </Tab>
          </OverflowItem>
        ))}
        <MoreTabsMenu ids={ids} onSelect={onSelect} />
      </TabList>
    </Overflow>
  );
}
