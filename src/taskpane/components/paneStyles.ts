/** Styles every view of the pane shares: a section's column, muted text, a row of buttons, list rows and cards. */
import { makeStyles, tokens } from "@fluentui/react-components";

export const usePaneStyles = makeStyles({
  /** A view's content, top to bottom. */
  section: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM, minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
  /** Buttons side by side, wrapping onto a second line in a narrow pane. */
  actions: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
  },
  /** A list entry that is one full-width button (a finding, a task, a state); its grid columns are the caller's. */
  rowButton: {
    display: "grid",
    columnGap: tokens.spacingHorizontalS,
    width: "100%",
    height: "auto",
    minHeight: "unset",
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    textAlign: "start",
    fontWeight: tokens.fontWeightRegular,
    justifyContent: "stretch",
  },
});

/** A vertical list of bordered cards: the department's rows, the sync conflicts. */
export const useCardListStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  card: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalS,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
});
