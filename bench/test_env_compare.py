#!/usr/bin/env python3
"""Tests of bench/env_compare.py on a hand-made plan and reference: python3 bench/test_env_compare.py"""
import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import env_compare as ec  # noqa: E402

REF = {
    "repo": "shop", "commit": "0123456789ab", "language": "python",
    "apps": [{"folder": "backend", "start": ["gunicorn\\b.*app:app"], "port": [8000, 5000],
              "stores": {"required": ["postgres"], "optional": ["redis"]}}],
    "env": ["DATABASE_URL", "SECRET_KEY", "ConnectionStrings:Main"],
    "implicit_env": ["FLASK_*"],
}


def app(root="backend", port="8000", start="gunicorn -b 0.0.0.0:8000 app:app", stores=("postgres",), env=()):
    return {"root": root, "port": {"value": port}, "start": {"value": start},
            "stores": [{"kind": k} for k in stores], "env": [{"name": n} for n in env]}


class ScoreTests(unittest.TestCase):
    def test_right_plan_scores_right(self):
        s = ec.score_repo(REF, {"apps": [app(env=("DATABASE_URL", "SECRET_KEY", "CONNECTIONSTRINGS__MAIN"))]}, {})
        a = s.apps[0]
        self.assertTrue(a.planned and a.port and a.start and a.stores)
        self.assertEqual((s.env_found, s.env_ref, s.env_right, s.env_listed), (3, 3, 3, 3))

    def test_wrong_port_start_and_missing_store_are_wrong(self):  # the control: each field can fail
        s = ec.score_repo(REF, {"apps": [app(port="3000", start="flask run", stores=("redis",))]}, {})
        a = s.apps[0]
        self.assertFalse(a.port or a.start or a.stores)

    def test_optional_store_is_allowed_and_unknown_store_is_not(self):
        self.assertTrue(ec.score_repo(REF, {"apps": [app(stores=("postgres", "redis"))]}, {}).apps[0].stores)
        self.assertFalse(ec.score_repo(REF, {"apps": [app(stores=("postgres", "mongodb"))]}, {}).apps[0].stores)

    def test_app_at_another_folder_is_not_planned(self):
        s = ec.score_repo(REF, {"apps": [app(root=".")]}, {})
        self.assertFalse(s.apps[0].planned)
        self.assertFalse(s.apps[0].port)

    def test_env_recall_precision_and_implicit_names(self):
        s = ec.score_repo(REF, {"apps": [app(env=("DATABASE_URL", "FLASK_DEBUG", "OTHER")), app(root="worker", env=("secret_key",))]}, {})
        self.assertEqual((s.env_found, s.env_ref), (2, 3))  # union over apps, case-insensitive
        self.assertEqual((s.env_right, s.env_listed), (2, 3))  # FLASK_DEBUG is neither right nor wrong; OTHER is wrong
        self.assertEqual(s.missed, ["ConnectionStrings:Main"])
        self.assertEqual(s.extra, ["OTHER"])

    def test_no_plan_misses_everything(self):
        s = ec.score_repo(REF, None, {"status": "present"})
        self.assertEqual(s.status, "failed")
        self.assertEqual(s.env_found, 0)
        self.assertFalse(s.apps[0].planned)

    def test_render_totals_per_language(self):
        s = ec.score_repo(REF, {"apps": [app(env=("DATABASE_URL",))]}, {"seconds": 1.5})
        text = ec.render([s])
        self.assertIn("| python | 1 | 1 | 1/1 | 1/1 | 1/1 | 33.3% (1/3) | 100.0% (1/1) | 1.5 |", text)


    def test_static_checks_are_summed_per_kind_of_file(self):
        checks = [("a", {"file": "env/k8s/app.yaml", "check": "k8s", "passed": True, "problems": []}),
                  ("b", {"file": "env/k8s/web.yaml", "check": "k8s", "passed": False, "problems": ["x"]}),
                  ("a", {"file": "env/compose.yaml", "check": "compose-spec", "passed": True, "problems": []})]
        text = ec.render_static(checks, 2)
        self.assertIn("| k8s | k8s | 1/2 |", text)
        self.assertIn("| compose.yaml | compose-spec | 1/1 |", text)
        self.assertIn("none recorded", ec.render_static([], 2))


if __name__ == "__main__":
    unittest.main()
