#!/usr/bin/env python3
"""Tests of bench/graph_compare.py on hand-made ctags and kg.json outputs: python3 bench/test_graph_compare.py"""
import argparse
import contextlib
import io
import json
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import graph_compare as gc  # noqa: E402
import graph_endpoints as ge  # noqa: E402
import graph_recall as gr  # noqa: E402


def tag(name, kind, line, path="./a.py", language="Python"):
    return {"_type": "tag", "name": name, "path": path, "language": language, "line": line, "kind": kind}


def node(name, kind, start, end, file="a.py", language="python"):
    return {"id": f"x/{name}", "kind": kind, "name": name, "language": language, "file": file,
            "range": [start, 1, end, 1]}


def endpoint(method, route, line, file="main.go"):
    return {"id": f"endpoint:{method} {route}", "kind": "endpoint", "name": f"{method} {route}", "language": "go",
            "file": file, "range": [line, 1, line, 1], "properties": {"method": method, "route": route}}


KG = {"nodes": [
    node("a.py", "file", 1, 40),
    node("Shop", "class", 1, 20),
    node("buy", "method", 3, 6),  # decorated: the range starts at the decorator, ctags names line 4
    node("helper", "function", 22, 25),
]}


def timing(*walls, rss=1000):
    return {"runs": [{"wall": w, "user": w * 1.5, "sys": w * 0.1, "rss_kb": rss + i} for i, w in enumerate(walls)]}


class DefinitionRecallTests(unittest.TestCase):
    def test_definition_recall_DecoratorLineAndKinds_Matched(self):
        tags = [tag("Shop", "class", 1), tag("buy", "member", 4), tag("helper", "function", 22)]
        r = gr.definition_recall(tags, KG)["Python"]
        self.assertEqual((r.total, r.found), (3, 3))
        self.assertAlmostEqual(r.percent, 100.0)

    def test_definition_recall_WrongLineOrFileOrName_Missed(self):
        tags = [tag("helper", "function", 30), tag("helper", "function", 22, path="./b.py"), tag("nope", "function", 22)]
        r = gr.definition_recall(tags, KG)["Python"]
        self.assertEqual((r.total, r.found), (3, 0))
        self.assertEqual(len(r.missed), 3)

    def test_definition_recall_SamePlaceOtherKind_CountedAsOtherKind(self):
        r = gr.definition_recall([tag("Shop", "function", 1)], KG)["Python"]
        self.assertEqual((r.found, r.other_kind), (0, 1))
        self.assertEqual(r.missed[0][4], "class")

    def test_definition_recall_FileNoaDidNotParse_CountedApart(self):
        kg = {"nodes": KG["nodes"][1:]}  # no file node for a.py
        r = gr.definition_recall([tag("Shop", "class", 1), tag("gone", "function", 30)], kg)["Python"]
        self.assertEqual((r.found, r.unparsed), (1, 1))
        self.assertIsNone(gr.Recall(total=1, unparsed=1).parsed_percent)
        self.assertAlmostEqual(gr.definition_recall([tag("Shop", "class", 1), tag("gone", "function", 30)], KG)["Python"].parsed_percent, 50.0)

    def test_definition_recall_UnmappedKind_Ignored(self):
        self.assertEqual(gr.definition_recall([tag("x", "variable", 2), tag("os", "namespace", 1)], KG), {})

    def test_definition_recall_KindNoaNeverReports_NotCompared(self):
        kg = {"nodes": [node("S", "struct", 1, 3, "a.go", "go")]}
        tags = [tag("S", "struct", 1, "./a.go", "Go"), tag("Max", "const", 5, "./a.go", "Go")]
        r = gr.definition_recall(tags, kg)["Go"]
        self.assertEqual((r.total, r.found), (1, 1))
        self.assertEqual(r.excluded, {"const": 1})

    def test_matches_LongRange_OnlyItsHead(self):
        self.assertTrue(gr.matches(9, 10, 200))
        self.assertTrue(gr.matches(10 + gr.HEAD_LINES, 10, 200))
        self.assertFalse(gr.matches(11 + gr.HEAD_LINES, 10, 200))
        self.assertFalse(gr.matches(8, 10, 200))

    def test_read_ctags_SkipsPtagAndBadLines(self):
        with tempfile.TemporaryDirectory() as d:
            p = Path(d) / "ctags.json"
            p.write_text('{"_type": "ptag", "name": "JSON_OUTPUT_VERSION"}\nnot json\n' + json.dumps(tag("f", "function", 1)) + "\n")
            self.assertEqual([t["name"] for t in gr.read_ctags(p)], ["f"])


class TimingTests(unittest.TestCase):
    def test_Timing_BestRunAndPeakRss(self):
        t = gc.Timing(timing(3.0, 2.0, 4.0, rss=2048)["runs"])
        self.assertEqual(t.wall, 2.0)
        self.assertAlmostEqual(t.utilisation, 1.6)
        self.assertAlmostEqual(t.rss_mb, 2050 / 1024)

    def test_run_graph_seconds_PicksTheBestRunsGraphStage(self):
        runs = [
            {"attempts": [{"stage": "graph", "startedAt": "2026-01-01T00:00:00+00:00", "endedAt": "2026-01-01T00:00:05+00:00"}]},
            {"attempts": [{"stage": "intake", "startedAt": "2026-01-01T00:00:00+00:00", "endedAt": "2026-01-01T00:00:01+00:00"},
                          {"stage": "graph", "startedAt": "2026-01-01T00:00:01+00:00", "endedAt": "2026-01-01T00:00:03.5+00:00"}]},
        ]
        self.assertAlmostEqual(gc.run_graph_seconds(runs, 1), 2.5)
        self.assertIsNone(gc.run_graph_seconds(runs, 2))


class EndpointTests(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.root = Path(self.tmp.name)

    def tearDown(self):
        self.tmp.cleanup()

    def test_reference_endpoints_GoForms_CommentsSkipped(self):
        (self.root / "main.go").write_text(
            '/*\n\te.GET("/doc", h)\n*/\nr.GET("/users/:id", h)\n// r.POST("/old", h)\n'
            'r.Any("/any", h)\nr.Handle("PUT", "/put", h)\ne.Add(http.MethodDelete, "/static/*", h)\n'
            'c.GetHeader("X")\n')
        self.assertEqual(ge.reference_endpoints(self.root), [
            ("main.go", 4, "GET", "/users/:id"), ("main.go", 6, "ANY", "/any"),
            ("main.go", 7, "PUT", "/put"), ("main.go", 8, "DELETE", "/static/*")])

    def test_reference_endpoints_ExpressForms(self):
        (self.root / "app").mkdir()
        (self.root / "app" / "index.js").write_text(
            "app.get('/', function(req, res){\n});\napp.get('env');\napp.del(\"/user/:id\", h);\n"
            "app.route('/book')\n  .get(list)\n  .post(create);\nrouter.route('/x').all(h).get(g);\n"
            "request(app).get('/')\n")
        self.assertEqual(ge.reference_endpoints(self.root), [
            ("app/index.js", 1, "GET", "/"), ("app/index.js", 4, "DELETE", "/user/:id"),
            ("app/index.js", 6, "GET", "/book"), ("app/index.js", 7, "POST", "/book"),
            ("app/index.js", 8, "ANY", "/x"), ("app/index.js", 8, "GET", "/x")])

    def test_endpoint_recall_PrefixAnyAndOneEach(self):
        kg = {"nodes": [endpoint("GET", "/v1/users", 10), endpoint("ANY", "/all", 20), endpoint("GET", "/x", 30)]}
        ref = [("main.go", 10, "GET", "/users"), ("main.go", 20, "POST", "/all"), ("main.go", 30, "GET", "/x"),
               ("main.go", 31, "GET", "/x"), ("other.go", 1, "GET", "/users")]
        found, missed = ge.endpoint_recall(ref, kg)
        self.assertEqual(found, 3)
        self.assertEqual(missed, [("main.go", 31, "GET", "/x"), ("other.go", 1, "GET", "/users")])

    def test_strip_comments_KeepsLinesAndStrings(self):
        text = 'a /* x\ny */ b "/s/*" // c\nd'
        stripped = ge.strip_comments(text)
        self.assertEqual(stripped.count("\n"), 2)
        self.assertIn('"/s/*"', stripped)
        self.assertNotIn("c", stripped.split("\n")[1])


class RenderTests(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.root = Path(self.tmp.name)

    def tearDown(self):
        self.tmp.cleanup()

    def make_target(self, name, noa_err=None):
        d = self.root / name
        (d / "noa").mkdir(parents=True)
        (d / "meta.json").write_text(json.dumps({"name": name, "path": f"corpora/{name}", "files": 2, "bytes": 2 * 1048576}))
        (d / "ctags.json").write_text("\n".join(json.dumps(t) for t in [tag("Shop", "class", 1), tag("gone", "function", 30)]))
        (d / "ctags.time.json").write_text(json.dumps(timing(1.0, 0.5)))
        if noa_err:
            (d / "noa.err").write_text(noa_err)
        else:
            (d / "noa" / "kg.json").write_text(json.dumps(KG))
            (d / "noa.time.json").write_text(json.dumps(timing(2.0, 1.0)))
            (d / "noa.runs.json").write_text(json.dumps([{}, {"attempts": [
                {"stage": "graph", "startedAt": "2026-01-01T00:00:00+00:00", "endedAt": "2026-01-01T00:00:00.25+00:00"}]}]))

    def args(self, doc=None):
        return argparse.Namespace(versions="ctags, noa", load_start="0.1 0.1 0.1", command="bench/run.sh graph", doc=doc)

    def test_load_target_RatiosAndRecall(self):
        self.make_target("python")
        t = gc.load_target(self.root / "python")
        self.assertAlmostEqual(t.ratio, 0.5)
        self.assertAlmostEqual(t.graph_seconds, 0.25)
        self.assertAlmostEqual(t.graph_ratio, 2.0)
        self.assertEqual((t.recall["Python"].total, t.recall["Python"].found), (2, 1))

    def test_render_FailedNoa_ShownInRow(self):
        self.make_target("go", noa_err="boom\nunhandled | error")
        section = gc.render([gc.load_target(self.root / "go")], [], self.args())
        self.assertIn("noa failed: unhandled \\| error", section)

    def test_main_Doc_RewritesOnlyGraphSection(self):
        self.make_target("python")
        doc = self.root / "benchmarks.md"
        doc.write_text(f"# B\n\n<!-- bench:classifier:begin -->\nkeep\n<!-- bench:classifier:end -->\n\n"
                       f"{gc.BEGIN}\nold\n{gc.END}\n\ntail\n")
        out = self.root / "r.json"
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()) as err:
            gc.main(["--work", str(self.root), "--targets", "python", "--doc", str(doc), "--json", str(out)])
        self.assertIn("a.py:30 gone", err.getvalue())
        text = doc.read_text()
        self.assertIn("keep", text)
        self.assertNotIn("\nold\n", text)
        self.assertIn("## Graph Extract vs universal-ctags", text)
        self.assertTrue(text.endswith("tail\n"))
        self.assertEqual(json.loads(out.read_text())["targets"][0]["recall"]["Python"]["found"], 1)


if __name__ == "__main__":
    unittest.main()
