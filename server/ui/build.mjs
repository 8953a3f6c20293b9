// Copies the browser assets the server needs from node_modules into server/static/vendor/,
// with the license texts of every package bundled into them. Run by `npm run build` after
// `npm ci`; the server never fetches anything from a CDN.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const UI_DIR = dirname(fileURLToPath(import.meta.url));
const NODE_MODULES = join(UI_DIR, "node_modules");
const VENDOR_DIR = join(UI_DIR, "..", "static", "vendor");

// Package -> the files served from vendor/<dir>/ (each minified bundle includes its dependencies).
const ASSETS = [
  { pkg: "@zazuko/yasgui", dir: "yasgui", files: ["build/yasgui.min.js", "build/yasgui.min.css"] },
  { pkg: "cytoscape", dir: "cytoscape", files: ["dist/cytoscape.min.js"] },
];

const LICENSE_FILE = /^licen[cs]e(\.(txt|md))?$/i;

/** The installed directory of `name` as seen from `fromDir` (Node's lookup through node_modules). */
function resolvePackageDir(name, fromDir) {
  for (let dir = fromDir; dir.startsWith(UI_DIR); dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
  }
  throw new Error(`package ${name} is not installed (needed from ${fromDir}); run npm ci first`);
}

function readManifest(pkgDir) {
  return JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
}

/** The package directory and every production dependency below it, each once, in a stable order. */
function dependencyTree(rootDir) {
  const seen = new Map();
  const visit = (pkgDir) => {
    const manifest = readManifest(pkgDir);
    const key = `${manifest.name}@${manifest.version}`;
    if (seen.has(key)) return;
    seen.set(key, { dir: pkgDir, manifest });
    for (const dep of Object.keys(manifest.dependencies ?? {}).sort()) {
      visit(resolvePackageDir(dep, pkgDir));
    }
  };
  visit(rootDir);
  return [...seen.values()];
}

function licenseFiles(pkgDir) {
  return readdirSync(pkgDir).filter((name) => LICENSE_FILE.test(name)).sort();
}

/** One notice section: name, version, declared license, and the license text the package ships. */
function licenseSection({ dir, manifest }) {
  const declared = typeof manifest.license === "string" ? manifest.license : JSON.stringify(manifest.license);
  const repository = typeof manifest.repository === "string" ? manifest.repository : manifest.repository?.url;
  const header =
    `${manifest.name} ${manifest.version}\nDeclared license: ${declared ?? "none declared"}\n` +
    (repository ? `Repository: ${repository}\n` : "");
  const files = licenseFiles(dir);
  if (files.length === 0) {
    return `${header}(the package ships no license file)\n`;
  }
  return header + files.map((name) => `\n--- ${name} ---\n${readFileSync(join(dir, name), "utf8").trim()}\n`).join("");
}

function buildAsset({ pkg, dir, files }) {
  const pkgDir = resolvePackageDir(pkg, UI_DIR);
  const outDir = join(VENDOR_DIR, dir);
  mkdirSync(outDir, { recursive: true });
  for (const file of files) {
    const source = join(pkgDir, file);
    if (!existsSync(source)) throw new Error(`${pkg} has no ${file}; was its version changed?`);
    copyFileSync(source, join(outDir, file.split("/").pop()));
  }
  for (const name of licenseFiles(pkgDir)) copyFileSync(join(pkgDir, name), join(outDir, name));
  const sections = dependencyTree(pkgDir).map(licenseSection);
  writeFileSync(
    join(outDir, "LICENSES.txt"),
    `Licenses of ${pkg} and the packages bundled into its files\n\n${sections.join("\n\n")}`,
  );
  console.log(`vendor/${dir}: ${files.length} file(s) from ${pkg} ${readManifest(pkgDir).version}`);
}

rmSync(VENDOR_DIR, { recursive: true, force: true });
for (const asset of ASSETS) buildAsset(asset);
