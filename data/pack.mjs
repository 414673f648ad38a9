// Normalises the npm data packages into the two compact resources that Noa.Stages.Classifier
// embeds, so the C# side never parses JavaScript modules and loads only what it needs.
// Output is deterministic (sorted keys, gzip without timestamp) so rebuilds are byte-identical.
import { gzipSync } from 'node:zlib';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as linguist from 'linguist-languages';

const out = new URL('./generated/', import.meta.url);
mkdirSync(out, { recursive: true });
const json = (file) => JSON.parse(readFileSync(new URL(`./node_modules/${file}`, import.meta.url), 'utf8'));
const write = (name, value) =>
  writeFileSync(new URL(name, out), gzipSync(Buffer.from(JSON.stringify(value)), { level: 9 }));

const languages = Object.values(linguist)
  .map((l) => ({
    name: l.name,
    type: l.type,
    group: l.group ?? null,
    extensions: l.extensions ?? [],
    filenames: l.filenames ?? [],
    interpreters: l.interpreters ?? [],
    aliases: l.aliases ?? [],
  }))
  .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
write('languages.json.gz', { version: json('linguist-languages/package.json').version, languages });

const full = json('spdx-license-list/spdx-full.json');
const deprecated = json('spdx-license-ids/deprecated.json');
const ids = Object.keys(full).sort();
const licenses = ids.map((id) => ({ id, name: full[id].name, osiApproved: !!full[id].osiApproved }));
// The texts are only needed when a tree has a licence file: a resource of their own keeps the
// metadata (ids, names, exceptions) cheap to load for expression parsing.
write('license-texts.json.gz', { texts: Object.fromEntries(ids.map((id) => [id, full[id].licenseText ?? ''])) });
write('licenses.json.gz', {
  version: json('spdx-license-list/package.json').version,
  ids: [...json('spdx-license-ids/index.json')].sort(),
  deprecated: [...deprecated].sort(),
  exceptions: [...json('spdx-exceptions/index.json'), ...json('spdx-exceptions/deprecated.json')].sort(),
  licenses,
});
