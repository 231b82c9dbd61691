// Names each asset that pages link to by a hash of its content (app.css -> app.1a2b3c4d5e6f.css)
// and writes manifest.json, which the app reads to link them and to serve them with a
// one-year immutable cache: a changed file gets a new name, so a browser never keeps a stale one.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";

const STATIC = "scheme/static";
// In this order: init.js imports govuk-frontend.min.js, so it is named after that one is.
const ASSETS = ["app.css", "public.css", "govuk-frontend.min.js", "init.js", "images/favicon.svg", "images/favicon.ico"];
const HASHED = /\.[0-9a-f]{12}$/;

const manifest = {};
for (const asset of ASSETS) {
  let content = readFileSync(join(STATIC, asset));
  if (asset === "init.js") {
    content = Buffer.from(content.toString().replace("./govuk-frontend.min.js", `./${basename(manifest["govuk-frontend.min.js"])}`));
  }
  const hash = createHash("sha256").update(content).digest("hex").slice(0, 12);
  const extension = extname(asset);
  const stem = asset.slice(0, -extension.length);
  const folder = dirname(join(STATIC, asset));
  for (const old of readdirSync(folder)) {  // the copies made by earlier builds
    const name = old.replace(/(\.br|\.gz)$/, "");
    if (name.endsWith(extension) && HASHED.test(name.slice(0, -extension.length))
        && name.slice(0, -extension.length - 13) === basename(stem)) {
      rmSync(join(folder, old));
    }
  }
  const hashed = `${stem}.${hash}${extension}`;
  writeFileSync(join(STATIC, hashed), content);
  manifest[asset] = hashed;
}
writeFileSync(join(STATIC, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
