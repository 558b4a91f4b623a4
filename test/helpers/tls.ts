/**
 * HTTPS for tests: a throw-away self-signed certificate for localhost and 127.0.0.1 (made with
 * the openssl command line), and a fetch that trusts it without turning certificate checks off
 * for the rest of the process.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TestCert {
  cert: string;
  key: string;
  /** Files holding them (for command-line tests); removed by `remove`. */
  certFile: string;
  keyFile: string;
  remove(): void;
}

export function makeSelfSignedCert(): TestCert {
  const dir = mkdtempSync(join(tmpdir(), "list-server-cert-"));
  const certFile = join(dir, "cert.pem");
  const keyFile = join(dir, "key.pem");
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-days", "1"].concat([
      "-addext",
      "subjectAltName=DNS:localhost,IP:127.0.0.1",
      "-keyout",
      keyFile,
      "-out",
      certFile,
    ]),
    { stdio: "ignore" },
  );
  return {
    cert: readFileSync(certFile, "utf8"),
    key: readFileSync(keyFile, "utf8"),
    certFile,
    keyFile,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function headerRecord(headers: HeadersInit | undefined): Record<string, string> {
  return Object.fromEntries(new Headers(headers ?? {}).entries());
}

/** A fetch (string URL, string body) over node:https that trusts `ca`. */
export function trustingFetch(ca: string): typeof fetch {
  return ((input: string | URL | Request, init: RequestInit = {}) => {
    const url = typeof input === "string" || input instanceof URL ? String(input) : input.url;
    if (init.body !== undefined && init.body !== null && typeof init.body !== "string") {
      throw new Error("trustingFetch sends string bodies only");
    }
    const body = init.body ?? undefined;
    return new Promise<Response>((resolve, reject) => {
      const req = request(url, { method: init.method ?? "GET", headers: headerRecord(init.headers), ca }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          const headers = new Headers();
          for (const [k, v] of Object.entries(res.headers)) {
            if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
          }
          const status = res.statusCode ?? 0;
          const payload = status === 204 || status === 304 || init.method === "HEAD" ? null : Buffer.concat(chunks);
          resolve(new Response(payload, { status, statusText: res.statusMessage, headers }));
        });
      });
      req.on("error", (e) => reject(Object.assign(new TypeError("fetch failed"), { cause: e })));
      if (body !== undefined) req.write(body);
      req.end();
    });
  }) as typeof fetch;
}
