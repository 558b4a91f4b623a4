/**
 * Offline checks for manifest.xml (`office-addin-manifest validate` posts the file to an online
 * service, so it cannot be the CI check). Element orders below are the xs:sequence definitions in
 * Microsoft's schemas: OfficeAppManifestV1_1.xsd (OfficeApp + TaskPaneApp extension),
 * TaskPaneAppVersionOverridesV1_0.xsd and OfficeAppBasicTypesV1_0.xsd.
 */
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");

const NS = {
  app: "http://schemas.microsoft.com/office/appforoffice/1.1",
  bt: "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
  ov: "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
};

// ---------------------------------------------------------------------------------------------
// XML helpers: xml2js (installed with office-addin-manifest) normalised into a small element tree.

interface Attr {
  value: string;
  local: string;
  uri: string;
}
interface El {
  name: string; // local name
  ns: string; // namespace URI
  attrs: Record<string, Attr>; // keyed by qualified name as written
  children: El[];
  text: string;
}

interface RawNode {
  _?: string;
  $?: Record<string, Attr>;
  $ns: { uri: string; local: string };
  $$?: RawNode[];
}
interface Xml2js {
  parseStringPromise(xml: string, options: Record<string, unknown>): Promise<Record<string, RawNode>>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const xml2js: Xml2js = require("xml2js");

function normalise(raw: RawNode): El {
  return {
    name: raw.$ns.local,
    ns: raw.$ns.uri,
    attrs: raw.$ ?? {},
    children: (raw.$$ ?? []).map(normalise),
    text: (raw._ ?? "").trim(),
  };
}

async function parseXml(xml: string): Promise<El> {
  const doc = await xml2js.parseStringPromise(xml, {
    strict: true,
    xmlns: true,
    explicitChildren: true,
    preserveChildrenOrder: true,
  });
  const roots = Object.values(doc);
  expect(roots).toHaveLength(1);
  return normalise(roots[0]);
}

const attr = (el: El, name: string): string | undefined => el.attrs[name]?.value;
const xsiType = (el: El): string | undefined => Object.values(el.attrs).find((a) => a.uri === NS.xsi && a.local === "type")?.value;
const kids = (el: El, name?: string): El[] => el.children.filter((c) => name === undefined || c.name === name);

function only(el: El, name: string): El {
  const found = kids(el, name);
  if (found.length !== 1) throw new Error(`<${el.name}> should have exactly one <${name}>, found ${found.length}`);
  return found[0];
}

function descendants(el: El): El[] {
  return el.children.flatMap((c) => [c, ...descendants(c)]);
}

/** Child elements must follow the xs:sequence order; only `repeatable` ones may occur more than once. */
function expectSequence(el: El, sequence: string[], repeatable: string[] = []): void {
  let last = -1;
  let lastName = "";
  for (const child of el.children) {
    const index = sequence.indexOf(child.name);
    if (index < 0) throw new Error(`<${child.name}> is not a valid child of <${el.name}> (allowed: ${sequence.join(", ")})`);
    if (index < last || (index === last && !repeatable.includes(child.name))) {
      throw new Error(`<${child.name}> must not come after <${lastName}> inside <${el.name}>`);
    }
    last = index;
    lastName = child.name;
  }
}

function expectChildren(el: El, required: string[]): void {
  const names = el.children.map((c) => c.name);
  for (const name of required)
    expect({ parent: el.name, has: name, ok: names.includes(name) }).toEqual({ parent: el.name, has: name, ok: true });
}

function pngSize(file: string): { width: number; height: number } {
  const buf = fs.readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (buf.length < 24 || !buf.subarray(0, 8).equals(signature)) throw new Error(`${file} is not a PNG`);
  if (buf.toString("ascii", 12, 16) !== "IHDR") throw new Error(`${file}: first chunk is not IHDR`);
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

/** Letters that only occur in Vietnamese text (not in plain English). */
const VIETNAMESE = /[ăâđêôơưĂÂĐÊÔƠƯàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ\u1EA0-\u1EF9]/;
const isUrlLike = (v: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(v);

// ---------------------------------------------------------------------------------------------

interface WebpackConfig {
  devServer: { port: number };
  plugins: Array<{ userOptions?: { filename?: string } }>;
}
interface WebpackConfigModule {
  (env: Record<string, unknown>, options: { mode: string }): Promise<WebpackConfig>;
  urlDev: string;
  urlProd: string;
  manifestForMode(content: Buffer | string, dev: boolean): string;
}

const manifestXml = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { config: { dev_server_port: number } };
const port = Number(pkg.config.dev_server_port);
const devOrigin = `https://localhost:${port}`;

let app: El;
let overrides: El;
let resources: El;
/** resource id → { kind (Images | Urls | ShortStrings | LongStrings), element } */
const resourceById = new Map<string, { kind: string; el: El }>();

beforeAll(async () => {
  app = await parseXml(manifestXml);
  overrides = only(app, "VersionOverrides");
  resources = only(overrides, "Resources");
  for (const group of resources.children) {
    for (const item of group.children) {
      const id = attr(item, "id") ?? "";
      if (resourceById.has(id)) throw new Error(`duplicate resource id ${id}`);
      resourceById.set(id, { kind: group.name, el: item });
    }
  }
});

describe("manifest.xml: OfficeApp", () => {
  test("root is a TaskPaneApp OfficeApp in the 1.1 manifest namespace", () => {
    expect(app.name).toBe("OfficeApp");
    expect(app.ns).toBe(NS.app);
    expect(xsiType(app)).toBe("TaskPaneApp");
  });

  test("children appear in the order of the OfficeApp + TaskPaneApp schema sequence", () => {
    expectSequence(app, [
      // OfficeApp (base type)
      "Id",
      "AlternateId",
      "Version",
      "ProviderName",
      "DefaultLocale",
      "DisplayName",
      "Description",
      "IconUrl",
      "HighResolutionIconUrl",
      "SupportUrl",
      "AppDomains",
      "Hosts",
      // TaskPaneApp extension
      "Requirements",
      "DefaultSettings",
      "Permissions",
      "Dictionary",
      "VersionOverrides",
    ]);
    expectChildren(app, [
      "Id",
      "Version",
      "ProviderName",
      "DefaultLocale",
      "DisplayName",
      "Description",
      "IconUrl",
      "HighResolutionIconUrl",
      "SupportUrl",
      "Hosts",
      "Requirements",
      "DefaultSettings",
      "Permissions",
      "VersionOverrides",
    ]);
  });

  test("identity: GUID id, four-part version, en-US default locale", () => {
    expect(only(app, "Id").text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(only(app, "Version").text).toBe("1.0.0.0");
    expect(only(app, "ProviderName").text.length).toBeGreaterThan(0);
    expect(only(app, "DefaultLocale").text).toBe("en-US");
  });

  test("runs in Excel only (Host Workbook) and asks for ReadWriteDocument only", () => {
    expect(kids(only(app, "Hosts")).map((h) => [h.name, attr(h, "Name")])).toEqual([["Host", "Workbook"]]);
    expect(only(app, "Permissions").text).toBe("ReadWriteDocument");
  });

  test("requires ExcelApi 1.9", () => {
    const requirements = only(app, "Requirements");
    expectSequence(requirements, ["Sets", "Methods"]);
    const sets = only(requirements, "Sets");
    expect(attr(sets, "DefaultMinVersion")).toBe("1.1");
    const excel = kids(sets, "Set").filter((s) => attr(s, "Name") === "ExcelApi");
    expect(excel.map((s) => attr(s, "MinVersion"))).toEqual(["1.9"]);
  });

  test("DisplayName and Description are English with a Vietnamese (vi-vn) override", () => {
    const limits: Record<string, number> = { DisplayName: 125, Description: 250 };
    for (const name of Object.keys(limits)) {
      const el = only(app, name);
      const english = attr(el, "DefaultValue") ?? "";
      expect(english.length).toBeGreaterThan(0);
      expect(english.length).toBeLessThanOrEqual(limits[name]);
      const vi = kids(el, "Override").filter((o) => attr(o, "Locale")?.toLowerCase() === "vi-vn");
      expect(vi).toHaveLength(1);
      const value = attr(vi[0], "Value") ?? "";
      expect(value).toMatch(VIETNAMESE);
      expect(value.length).toBeLessThanOrEqual(limits[name]);
    }
    expect(attr(only(app, "DisplayName"), "DefaultValue")).toBe("Annex Assistant");
    expect(attr(kids(only(app, "DisplayName"), "Override")[0], "Value")).toBe("Trợ lý Phụ lục");
  });
});

describe("manifest.xml: VersionOverrides (ribbon)", () => {
  test("is VersionOverridesV1_0 in the task pane overrides namespace, children in schema order", () => {
    expect(overrides.ns).toBe(NS.ov);
    expect(xsiType(overrides)).toBe("VersionOverridesV1_0");
    expectSequence(overrides, ["Description", "Requirements", "Hosts", "Resources", "WebApplicationInfo", "EquivalentAddins"]);
    expectSequence(resources, ["Images", "Urls", "ShortStrings", "LongStrings"]);
  });

  test("Home tab group with one button that shows the task pane; FunctionFile is commands.html", () => {
    const hosts = kids(only(overrides, "Hosts"));
    expect(hosts.map(xsiType)).toEqual(["Workbook"]);
    const desktop = only(hosts[0], "DesktopFormFactor");
    expectSequence(desktop, ["GetStarted", "FunctionFile", "ExtensionPoint"], ["ExtensionPoint"]);
    const getStarted = kids(desktop, "GetStarted");
    for (const g of getStarted) expectSequence(g, ["Title", "Description", "LearnMoreUrl"]);

    const functionFile = only(desktop, "FunctionFile");
    const commandsUrl = resourceById.get(attr(functionFile, "resid") ?? "");
    expect(commandsUrl?.kind).toBe("Urls");
    expect(new URL(attr(commandsUrl!.el, "DefaultValue") ?? "").pathname).toBe("/commands.html");

    const point = only(desktop, "ExtensionPoint");
    expect(xsiType(point)).toBe("PrimaryCommandSurface");
    const tab = only(point, "OfficeTab");
    expect(attr(tab, "id")).toBe("TabHome");
    const group = only(tab, "Group");
    expectSequence(group, ["Label", "Icon", "Control"], ["Control"]);
    const controls = kids(group, "Control");
    expect(controls).toHaveLength(1);
    const button = controls[0];
    expect(xsiType(button)).toBe("Button");
    expectSequence(button, ["Label", "Supertip", "Icon", "Action"]);
    expectSequence(only(button, "Supertip"), ["Title", "Description"]);
    expectChildren(only(button, "Supertip"), ["Title", "Description"]);

    const action = only(button, "Action");
    expect(xsiType(action)).toBe("ShowTaskpane");
    expectSequence(action, ["TaskpaneId", "SourceLocation", "Title"]);
    expect(only(action, "TaskpaneId").text.length).toBeGreaterThan(0);
    const pane = resourceById.get(attr(only(action, "SourceLocation"), "resid") ?? "");
    expect(pane?.kind).toBe("Urls");
    // The button opens the same page as the default task pane.
    expect(attr(pane!.el, "DefaultValue")).toBe(attr(only(only(app, "DefaultSettings"), "SourceLocation"), "DefaultValue"));
    expect(new URL(attr(pane!.el, "DefaultValue") ?? "").pathname).toBe("/taskpane.html");

    for (const icon of [only(group, "Icon"), only(button, "Icon")]) {
      const sizes = kids(icon, "Image").map((i) => attr(i, "size"));
      expect(sizes).toEqual(expect.arrayContaining(["16", "32", "80"])); // the schema's mandatory sizes
    }
  });

  test("every resid is defined in Resources, with the right kind of resource", () => {
    const kindFor = (el: El): string => {
      if (el.name === "Image") return "Images";
      if (el.name === "Label" || el.name === "Title") return "ShortStrings";
      if (el.name === "Description") return "LongStrings";
      if (["SourceLocation", "FunctionFile", "LearnMoreUrl"].includes(el.name)) return "Urls";
      throw new Error(`unexpected resid on <${el.name}>`);
    };
    const references = descendants(overrides).filter((el) => attr(el, "resid") !== undefined);
    expect(references.length).toBeGreaterThan(0);
    for (const ref of references) {
      const id = attr(ref, "resid") ?? "";
      expect({ resid: id, kind: resourceById.get(id)?.kind }).toEqual({ resid: id, kind: kindFor(ref) });
    }
  });

  test("every ShortString/LongString has an English DefaultValue and a Vietnamese vi-vn override within the length limits", () => {
    const strings = [...resourceById.values()].filter((r) => r.kind === "ShortStrings" || r.kind === "LongStrings");
    expect(strings.length).toBeGreaterThan(0);
    for (const { kind, el } of strings) {
      const id = attr(el, "id") ?? "";
      const limit = kind === "ShortStrings" ? 125 : 250;
      expect(id.length).toBeLessThanOrEqual(32);
      const english = attr(el, "DefaultValue") ?? "";
      expect({ id, english: english.length > 0 && english.length <= limit }).toEqual({ id, english: true });
      const vi = kids(el, "Override").filter((o) => o.ns === NS.bt && attr(o, "Locale")?.toLowerCase() === "vi-vn");
      expect({ id, viOverrides: vi.length }).toEqual({ id, viOverrides: 1 });
      const value = attr(vi[0], "Value") ?? "";
      expect({ id, value, vietnamese: VIETNAMESE.test(value), fits: value.length <= limit }).toEqual({
        id,
        value,
        vietnamese: true,
        fits: true,
      });
    }
  });
});

describe("manifest.xml: URLs and icons", () => {
  const urlsIn = (root: El): Array<{ where: string; url: string }> => {
    const found: Array<{ where: string; url: string }> = [];
    for (const el of [root, ...descendants(root)]) {
      for (const [name, a] of Object.entries(el.attrs)) {
        if (isUrlLike(a.value) && !name.startsWith("xmlns") && a.uri !== NS.xsi) found.push({ where: `${el.name}@${name}`, url: a.value });
      }
      if (el.name === "AppDomain" || isUrlLike(el.text)) found.push({ where: el.name, url: el.text });
    }
    return found;
  };

  test(`every URL is https on the dev server origin (package.json config.dev_server_port = ${port})`, () => {
    // Elements whose value must be a URL at all.
    for (const name of ["IconUrl", "HighResolutionIconUrl", "SupportUrl"]) {
      expect(isUrlLike(attr(only(app, name), "DefaultValue") ?? "")).toBe(true);
    }
    expect(isUrlLike(attr(only(only(app, "DefaultSettings"), "SourceLocation"), "DefaultValue") ?? "")).toBe(true);
    for (const { kind, el } of resourceById.values()) {
      if (kind === "Images" || kind === "Urls") expect(isUrlLike(attr(el, "DefaultValue") ?? "")).toBe(true);
    }

    const urls = urlsIn(app);
    expect(urls.length).toBeGreaterThanOrEqual(8);
    for (const { where, url } of urls) {
      expect({ where, origin: new URL(url).origin }).toEqual({ where, origin: devOrigin });
    }
  });

  test("every icon URL is a PNG in assets/ of the right pixel size", () => {
    const expectIcon = (url: string, size: number) => {
      const { pathname } = new URL(url);
      expect(pathname).toMatch(/^\/assets\/[\w.-]+\.png$/);
      const file = path.join(ROOT, pathname);
      expect({ file, exists: fs.existsSync(file) }).toEqual({ file, exists: true });
      expect({ file, ...pngSize(file) }).toEqual({ file, width: size, height: size });
    };
    const withOverrides = (el: El) => [attr(el, "DefaultValue") ?? "", ...kids(el, "Override").map((o) => attr(o, "Value") ?? "")];

    // Task pane add-ins: IconUrl 32×32, HighResolutionIconUrl 64×64.
    for (const url of withOverrides(only(app, "IconUrl"))) expectIcon(url, 32);
    for (const url of withOverrides(only(app, "HighResolutionIconUrl"))) expectIcon(url, 64);

    // Ribbon images: each reference's size attribute must match the image it points at.
    const imageRefs = descendants(only(overrides, "Hosts")).filter((el) => el.name === "Image" && el.ns === NS.bt);
    expect(imageRefs.length).toBeGreaterThan(0);
    for (const ref of imageRefs) {
      const res = resourceById.get(attr(ref, "resid") ?? "");
      expect(res?.kind).toBe("Images");
      for (const url of withOverrides(res!.el)) expectIcon(url, Number(attr(ref, "size")));
    }
    // Every defined image resource is a real icon too.
    for (const { kind, el } of resourceById.values()) {
      if (kind !== "Images") continue;
      const size = Number(/icon-(\d+)\.png$/.exec(attr(el, "DefaultValue") ?? "")?.[1]);
      expect(size).toBeGreaterThan(0);
      expectIcon(attr(el, "DefaultValue") ?? "", size);
    }
  });

  test("assets/ holds the 16, 32, 64, 80 and 128 px icons", () => {
    for (const size of [16, 32, 64, 80, 128]) {
      expect(pngSize(path.join(ROOT, "assets", `icon-${size}.png`))).toEqual({ width: size, height: size });
    }
  });
});

describe("manifest.xml vs webpack.config.js", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const webpackConfig: WebpackConfigModule = require(path.join(ROOT, "webpack.config.js"));

  test("the dev server listens on the manifest's port and emits every page the manifest links to", async () => {
    const config = await webpackConfig({ WEBPACK_BUILD: true }, { mode: "production" });
    expect(Number(config.devServer.port)).toBe(port);
    expect(webpackConfig.urlDev).toBe(`${devOrigin}/`);

    const pages = new Set(config.plugins.map((p) => p.userOptions?.filename).filter((f): f is string => !!f));
    const linked = new Set<string>();
    for (const el of [app, ...descendants(app)]) {
      for (const a of Object.values(el.attrs)) {
        if (isUrlLike(a.value) && a.value.startsWith(devOrigin) && a.value.endsWith(".html"))
          linked.add(new URL(a.value).pathname.slice(1));
      }
    }
    expect([...linked].sort()).toEqual(expect.arrayContaining(["commands.html", "taskpane.html"]));
    for (const page of linked) expect({ page, emitted: pages.has(page) }).toEqual({ page, emitted: true });
  });

  test("the production copy of the manifest points at the production origin only", async () => {
    const prod = webpackConfig.manifestForMode(Buffer.from(manifestXml), false);
    expect(prod).not.toContain("localhost");
    expect(prod.split(webpackConfig.urlProd).length - 1).toBe(manifestXml.split(`${devOrigin}/`).length - 1);
    const reparsed = await parseXml(prod);
    expect(attr(only(only(reparsed, "DefaultSettings"), "SourceLocation"), "DefaultValue")).toBe(`${webpackConfig.urlProd}taskpane.html`);
    expect(webpackConfig.manifestForMode(manifestXml, true)).toBe(manifestXml);
  });
});
