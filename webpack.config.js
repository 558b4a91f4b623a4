// Layout follows Microsoft's Office-Addin-TaskPane-React template: taskpane + commands entries,
// HTML pages from templates, assets and manifest copied into dist/, https dev server on the manifest's port.

const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const port = Number(require("./package.json").config.dev_server_port);
const urlDev = `https://localhost:${port}/`;
const urlProd = (process.env.ADDIN_PRODUCTION_ORIGIN || "https://annex-assistant.example.vn/").replace(/\/?$/, "/");

/** Rewrites the dev origin in a manifest for production builds (also used by test/unit/manifest.test.ts). */
function manifestForMode(content, dev) {
  return dev ? content : content.toString().split(urlDev).join(urlProd);
}

/** Trusted localhost certificate from office-addin-dev-certs, or webpack-dev-server's own self-signed one. */
async function httpsServer() {
  try {
    const { ca, key, cert } = await require("office-addin-dev-certs").getHttpsServerOptions();
    return { type: "https", options: { ca, key, cert } };
  } catch (err) {
    console.warn(`office-addin-dev-certs failed (${String(err && err.message).trim()}); using a self-signed certificate.`);
    return "https";
  }
}

const supportPage = `<!doctype html>
<html lang="vi"><head><meta charset="UTF-8" /><title>Trợ lý Phụ lục — Hỗ trợ</title></head>
<body><h1>Trợ lý Phụ lục <small>(Annex Assistant)</small></h1>
<p>Mở tệp phụ lục trong Excel, chọn <b>Trang đầu › Trợ lý Phụ lục</b>. Cần hỗ trợ, liên hệ bộ phận tin học của đơn vị.</p>
<p lang="en">Open an annex workbook in Excel and choose <b>Home › Annex Assistant</b>. For help, contact your IT team.</p>
</body></html>`;

module.exports = async (env = {}, options = {}) => {
  const dev = options.mode === "development";
  // The browser test harness (test/harness): the real pane on a fake Excel. Development builds
  // only, or HARNESS=1; never in the production bundle.
  const harness = dev || process.env.HARNESS === "1" || Boolean(env.HARNESS);
  return {
    devtool: "source-map",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
      ...(harness ? { harness: "./test/harness/harness.tsx" } : {}),
    },
    output: { path: path.resolve(__dirname, "dist"), filename: "[name].js", clean: true },
    resolve: { extensions: [".ts", ".tsx", "..."] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          loader: "ts-loader",
          // ES modules so webpack can tree-shake Fluent UI (tsconfig emits CommonJS for node/jest).
          options: { transpileOnly: true, compilerOptions: { module: "esnext", sourceMap: true } },
        },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane"] }),
      new HtmlWebpackPlugin({ filename: "commands.html", template: "./src/commands/commands.html", chunks: ["commands"] }),
      new HtmlWebpackPlugin({ filename: "support.html", templateContent: supportPage, inject: false }),
      ...(harness
        ? [new HtmlWebpackPlugin({ filename: "harness.html", template: "./test/harness/harness.html", chunks: ["harness"] })]
        : []),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*", to: "assets/[name][ext][query]" },
          { from: "manifest*.xml", to: "[name][ext]", transform: (content) => manifestForMode(content, dev) },
        ],
      }),
    ],
    performance: { maxAssetSize: 1024 * 1024, maxEntrypointSize: 1024 * 1024 },
    devServer: {
      hot: true,
      headers: { "Access-Control-Allow-Origin": "*" },
      server: env.WEBPACK_SERVE ? await httpsServer() : "https",
      port,
      // The harness opens the sample annexes from /samples/ (harness.html?file=/samples/…).
      ...(harness ? { static: [{ directory: path.resolve(__dirname, "samples"), publicPath: "/samples", watch: false }] } : {}),
    },
  };
};

module.exports.urlDev = urlDev;
module.exports.urlProd = urlProd;
module.exports.manifestForMode = manifestForMode;
