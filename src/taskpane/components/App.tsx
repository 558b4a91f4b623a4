import { Body1, Caption1, Title3, makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
  },
  header: { display: "flex", flexDirection: "column" },
  subtitle: { color: tokens.colorNeutralForeground3 },
});

/** Placeholder pane: the real pane replaces this. */
export default function App() {
  const styles = useStyles();
  return (
    <main className={styles.root}>
      <header className={styles.header}>
        <Title3 as="h1">Trợ lý Phụ lục</Title3>
        <Caption1 lang="en" className={styles.subtitle}>
          Annex Assistant
        </Caption1>
      </header>
      <Body1 as="p">
        Nhận diện bảng phụ lục (danh mục nhiệm vụ), điền các cột công thức, kiểm tra số liệu và đồng bộ với danh
        sách dùng chung.
      </Body1>
    </main>
  );
}
