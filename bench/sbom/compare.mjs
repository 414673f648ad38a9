// Compares two CycloneDX JSON documents by component identity (purl without qualifiers, lower-cased
// percent-encoding) and prints recall and precision of ours against the reference, with the misses,
// and for the components both list: how many agree on scope (required/optional) and on the declared
// licence, and how many carry a SHA-512 in each document.
// Usage: node bench/sbom/compare.mjs <ours.cdx.json> <reference.cdx.json> <label>
import { readFileSync } from "node:fs";

const [ours, reference, label] = process.argv.slice(2);
// Trivy writes Go versions without their "v" (v1.9.1 → 1.9.1); compare them without it.
const key = (c) => decodeURIComponent((c.purl ?? `${c.group ? c.group + "/" : ""}${c.name}@${c.version}`).split("?")[0])
  .replace(/^(pkg:golang\/[^@]+)@v/, "$1@");
const collect = (doc, acc = new Map()) => {
  for (const c of doc.components ?? []) {
    if (c.type === "application" && !c.purl) continue; // Trivy lists each lockfile it read as an application
    acc.set(key(c), c);
    collect(c, acc); // cyclonedx-npm nests bundled packages under their parent
  }
  return acc;
};
const sha512 = (c) => (c.hashes ?? []).find((h) => h.alg === "SHA-512")?.content;
const a = collect(JSON.parse(readFileSync(ours, "utf8")));
const b = collect(JSON.parse(readFileSync(reference, "utf8")));
const both = [...a.keys()].filter((k) => b.has(k));
const scope = both.filter((k) => (a.get(k).scope ?? "required") === (b.get(k).scope ?? "required")).length;
const licence = (c) => (c.licenses ?? []).map((l) => l.expression ?? l.license?.id ?? l.license?.name).join(" OR ");
const sameLicence = both.filter((k) => licence(a.get(k)) === licence(b.get(k))).length;
const hashes = (m) => both.filter((k) => sha512(m.get(k))).length;
const pct = (x, y) => (y === 0 ? "n/a" : ((100 * x) / y).toFixed(1) + "%");
console.log(`| ${label} | ${b.size} | ${a.size} | ${both.length} | ${pct(both.length, b.size)} | ${pct(both.length, a.size)} | ${scope}/${both.length} | ${sameLicence}/${both.length} | ${hashes(a)} / ${hashes(b)} |`);
for (const k of [...b.keys()].filter((k) => !a.has(k))) console.error(`  missed: ${k}`);
for (const k of [...a.keys()].filter((k) => !b.has(k))) console.error(`  extra:  ${k}`);
for (const k of both.filter((k) => (a.get(k).scope ?? "required") !== (b.get(k).scope ?? "required"))) console.error(`  scope:  ${k} ours ${a.get(k).scope} reference ${b.get(k).scope}`);
for (const k of both.filter((k) => licence(a.get(k)) !== licence(b.get(k)))) console.error(`  licence: ${k} ours ${licence(a.get(k))} reference ${licence(b.get(k))}`);
