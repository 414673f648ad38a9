namespace Noa.Stages.Env.Tests;

/// <summary>Small hand-written repositories for the edges real corpora do not pin down: each is what its name says.</summary>
internal static class Repos
{
    public static MemorySourceTree FastApiWithPostgres() => new(
        ("requirements.txt", "fastapi==0.110.0\nuvicorn==0.29.0\npsycopg2-binary==2.9.9\n"),
        (".python-version", "3.11\n"),
        ("app/__init__.py", ""),
        ("app/main.py", """
            import os

            import psycopg2
            from fastapi import FastAPI

            app = FastAPI()
            DATABASE_URL = os.environ.get("DATABASE_URL", "postgresql://app@db:5432/app")
            SECRET_KEY = os.environ["SECRET_KEY"]
            PORT = int(os.getenv("PORT", "8080"))


            @app.get("/healthz")
            def health():
                return {"ok": True}


            @app.get("/items/{item_id}")
            def item(item_id: int):
                conn = psycopg2.connect(DATABASE_URL)
                cur = conn.cursor()
                cur.execute("select 1")
                return {"id": item_id}
            """),
        ("tests/test_main.py", """
            import os

            TOKEN = os.environ.get("TEST_ONLY_TOKEN")


            def test_health():
                assert TOKEN is None or TOKEN
            """));

    /// <summary>An npm workspace with two Express services, each with its own port.</summary>
    public static MemorySourceTree NpmMonorepo() => new(
        ("package.json", """{ "name": "shop", "private": true, "workspaces": ["services/*"] }"""),
        ("package-lock.json", """{ "name": "shop", "lockfileVersion": 3, "requires": true, "packages": { "": { "name": "shop", "workspaces": ["services/*"] } } }"""),
        ("services/api/package.json", """{ "name": "api", "version": "1.0.0", "main": "server.js", "scripts": { "start": "node server.js" }, "dependencies": { "express": "^4.19.2", "redis": "^4.6.0" } }"""),
        ("services/api/server.js", """
            const express = require('express');
            const { createClient } = require('redis');
            const app = express();
            const cache = createClient({ url: process.env.REDIS_URL });
            app.get('/health', (req, res) => res.send('ok'));
            app.get('/orders', async (req, res) => res.json(await cache.get('orders')));
            app.listen(process.env.PORT || 4000);
            """),
        ("services/web/package.json", """{ "name": "web", "version": "1.0.0", "main": "index.js", "scripts": { "start": "node index.js" }, "dependencies": { "express": "^4.19.2" } }"""),
        ("services/web/index.js", """
            const express = require('express');
            const app = express();
            const apiUrl = process.env.API_URL;
            app.get('/', (req, res) => res.send('hello ' + apiUrl));
            app.listen(5001, () => console.log('web up'));
            """));

    /// <summary>A library: a package with an export and tests, nothing that listens.</summary>
    public static MemorySourceTree Library() => new(
        ("package.json", """{ "name": "left-pad-ish", "version": "1.0.0", "main": "index.js", "scripts": { "test": "node test.js" } }"""),
        ("index.js", "module.exports = function pad(s, n) { return String(s).padStart(n); };\n"),
        ("test.js", "const pad = require('./index'); if (pad('a', 3) !== '  a') { process.exit(1); }\n"));

    /// <summary>A Flask app whose Procfile and README give different start commands.</summary>
    public static MemorySourceTree ContradictingStart() => new(
        ("requirements.txt", "flask==3.0.3\ngunicorn==22.0.0\n"),
        ("Procfile", "web: gunicorn --bind 0.0.0.0:$PORT wsgi:app\n"),
        ("README.md", "# Shop\n\nRun it:\n\n```sh\npython app.py\n```\n"),
        ("wsgi.py", "from app import app\n"),
        ("app.py", """
            from flask import Flask

            app = Flask(__name__)


            @app.route("/")
            def index():
                return "hi"


            if __name__ == "__main__":
                app.run(host="0.0.0.0", port=5000)
            """));

    /// <summary>A service made only of the standard library (no dependency to fetch), for the build-and-answer proof.</summary>
    public static MemorySourceTree StdlibService() => new(
        ("pyproject.toml", """
            [project]
            name = "hello-service"
            version = "0.1.0"
            requires-python = ">=3.9"
            dependencies = []
            """),
        ("server.py", """
            import json
            import os
            from http.server import BaseHTTPRequestHandler, HTTPServer

            GREETING = os.environ.get("GREETING", "hello")


            class Handler(BaseHTTPRequestHandler):
                def do_GET(self):
                    body = json.dumps({"greeting": GREETING, "path": self.path}).encode()
                    self.send_response(200 if self.path in ("/", "/health") else 404)
                    self.send_header("Content-Type", "application/json")
                    self.end_headers()
                    self.wfile.write(body)


            if __name__ == "__main__":
                HTTPServer(("0.0.0.0", int(os.environ.get("PORT", "8000"))), Handler).serve_forever()
            """));
}
