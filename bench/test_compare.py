#!/usr/bin/env python3
"""Tests of bench/compare.py on hand-made linguist and noa outputs: python3 bench/test_compare.py"""
import argparse
import json
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare  # noqa: E402

LINGUIST = {
    "Go": {"size": 900, "percentage": "90.00", "files": ["a.go", "b.go"]},
    "Assembly": {"size": 75, "percentage": "7.50", "files": ["a.s"]},
    "Shell": {"size": 25, "percentage": "2.50", "files": ["x.sh"]},
}
PROFILE = {
    "languages": [
        {"name": "Go", "type": "programming", "files": 2, "bytes": 900, "share": 0.89},
        {"name": "Assembly", "type": "programming", "files": 1, "bytes": 75, "share": 0.11},
        {"name": "YAML", "type": "data", "files": 3, "bytes": 500, "share": None},
    ]
}


def hyperfine(times, user=None, system=0.0):
    r = {"command": "x", "times": times}
    if user is not None:
        r.update(user=user, system=system)
    return {"results": [r]}


def make_target(root: Path, name: str, linguist=LINGUIST, profile=PROFILE, noa_err=None) -> Path:
    d = root / name
    (d / "noa").mkdir(parents=True)
    (d / "meta.json").write_text(json.dumps({"name": name, "path": f"corpora/{name}", "files": 4, "bytes": 1000}))
    (d / "linguist.json").write_text(json.dumps(linguist))
    (d / "linguist.hf.json").write_text(json.dumps(hyperfine([3.0, 2.0, 4.0], user=2.5, system=0.5)))
    if noa_err:
        (d / "noa.err").write_text(noa_err)
    else:
        (d / "noa" / "profile.json").write_text(json.dumps(profile))
        (d / "noa.hf.json").write_text(json.dumps(hyperfine([0.1, 0.2, 0.1, 0.1], user=0.05, system=0.05)))
    return d


class CompareTests(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.root = Path(self.tmp.name)

    def tearDown(self):
        self.tmp.cleanup()

    def test_linguist_shares_FromSizes_NotRoundedPercentages(self):
        shares, files = compare.linguist_shares(LINGUIST)
        self.assertAlmostEqual(shares["Go"], 90.0)
        self.assertAlmostEqual(shares["Shell"], 2.5)
        self.assertEqual(files, 4)

    def test_linguist_shares_NothingCounted_Empty(self):
        self.assertEqual(compare.linguist_shares({}), ({}, 0))

    def test_noa_shares_NullShare_Skipped(self):
        shares, files = compare.noa_shares(PROFILE)
        self.assertEqual(set(shares), {"Go", "Assembly"})
        self.assertAlmostEqual(shares["Assembly"], 11.0)
        self.assertEqual(files, 3)

    def test_share_diffs_LanguageOnOneSide_CountsWholeShare(self):
        diffs = compare.share_diffs({"Go": 90.0, "Shell": 2.5}, {"Go": 89.0, "Assembly": 11.0})
        self.assertAlmostEqual(diffs["Go"], 1.0)
        self.assertAlmostEqual(diffs["Shell"], 2.5)
        self.assertAlmostEqual(diffs["Assembly"], 11.0)

    def test_load_target_BothSides_MaxDiffAndSpeedup(self):
        t = compare.load_target(make_target(self.root, "go"))
        self.assertAlmostEqual(t.max_diff, 3.5)  # Assembly: 7.5 vs 11
        self.assertAlmostEqual(t.speedup, 3.0 / 0.1)
        self.assertAlmostEqual(t.cpu_speedup, 3.0 / 0.1)

    def test_load_target_NoaFailed_NoNumbersForNoa(self):
        t = compare.load_target(make_target(self.root, "go", noa_err="boom\nUnhandled | exception\n"))
        self.assertIsNone(t.max_diff)
        self.assertIsNone(t.speedup)
        self.assertEqual(t.noa_error, "Unhandled \\| exception")

    def test_render_ListsLanguagesOverTwoPoints(self):
        make_target(self.root, "go")
        args = self.args("go")
        md = compare.render([compare.load_target(self.root / "go")], args)
        self.assertIn("| go (`corpora/go`) | 4 | 0.0 | 3.000 | 0.100 | 30.0× (3/4 runs) | 3.000 | 0.100 | 30.0× | 3.50 |", md)
        self.assertIn("Assembly (7.5 vs 11.0), Shell (2.5 vs 0.0)", md)
        self.assertIn("Intake + classify of the whole Go standard library", md)
        self.assertIn("Produced by: `bench/run.sh classifier`", md)

    def test_render_LinguistOnly_DashesNotNumbers(self):
        d = make_target(self.root, "rust")
        (d / "noa" / "profile.json").unlink()
        (d / "noa.hf.json").unlink()
        md = compare.render([compare.load_target(d)], self.args("rust"))
        self.assertIn("| 3.000 | — | — | 3.000 | — | — | — | — |", md)
        self.assertNotIn("Intake + classify", md)

    def test_rewrite_doc_KeepsOtherSections_AndIsIdempotent(self):
        doc = self.root / "benchmarks.md"
        doc.write_text(f"# Benchmarks\n\nintro\n\n{compare.BEGIN}\nold\n{compare.END}\n\n## Other\nkept\n")
        compare.rewrite_doc(doc, "new table\n")
        compare.rewrite_doc(doc, "new table\n")
        text = doc.read_text()
        self.assertEqual(text.count(compare.BEGIN), 1)
        self.assertIn("new table", text)
        self.assertNotIn("old", text)
        self.assertIn("## Other\nkept", text)

    def test_rewrite_doc_NoFile_WritesHeadAndSection(self):
        doc = self.root / "docs" / "benchmarks.md"
        compare.rewrite_doc(doc, "table\n")
        text = doc.read_text()
        self.assertTrue(text.startswith("# Benchmarks"))
        self.assertIn("make bench", text)
        self.assertIn(f"{compare.BEGIN}\ntable\n{compare.END}", text)

    def test_read_groups_LinguistYaml_GroupsOnly(self):
        yml = self.root / "languages.yml"
        yml.write_text("---\nAssembly:\n  type: programming\nUnix Assembly:\n  type: programming\n"
                       "  group: Assembly\n  extensions:\n  - \".s\"\nTSX:\n  group: TypeScript\n")
        self.assertEqual(compare.read_groups(yml), {"Unix Assembly": "Assembly", "TSX": "TypeScript"})
        self.assertEqual(compare.read_groups(None), {})

    def test_file_disagreements_GroupsAndCategories(self):
        files = [
            {"path": "a.go", "size": 900, "category": "classified", "language": "Go"},
            {"path": "a.s", "size": 75, "category": "classified", "language": "Unix Assembly"},
            {"path": "x.sh", "size": 25, "category": "generated"},
            {"path": "testdata/t.go", "size": 40, "category": "classified", "language": "Go"},
            {"path": "testdata/u.go", "size": 60, "category": "classified", "language": "Go"},
            {"path": "README.md", "size": 10, "category": "documentation"},
            {"path": "go.mod", "size": 5, "category": "classified", "language": "Go Module"},
        ]
        rows = compare.file_disagreements(LINGUIST, files, {"Go", "Assembly"}, {"Unix Assembly": "Assembly"})
        self.assertEqual(rows, [
            ("not counted", "Go", 2, 100, "testdata/t.go"),
            ("Shell", "generated", 1, 25, "x.sh"),
        ])

    def test_stage_seconds_SummaryTable_ParsesUnits(self):
        log = ("  intake running 0.0s\n"
               "│ intake     │ succeeded │ 1        │ 17.0s │ 3,783 files │\n"
               "│ classifier │ succeeded │ 1        │ 250ms │ Rust        │\n"
               "│ graph      │ failed    │ 3        │ 1.0s  │ boom        │\n")
        self.assertEqual(compare.stage_seconds(log), {"intake": 17.0, "classifier": 0.25})

    @staticmethod
    def args(targets):
        return argparse.Namespace(
            command="bench/run.sh classifier", versions="v", stdlib_target="go",
            stdlib_command="bin/noa digest .cache/corpora/go --only classifier", targets=targets,
            load_start="0.10 0.20 0.30")


if __name__ == "__main__":
    unittest.main(verbosity=1)
