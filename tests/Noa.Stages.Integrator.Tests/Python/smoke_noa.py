"""Drives noa's gateway through the generated Python SDK: admin creates a key, the key starts a digest, the run's
server-sent events are followed to the end, and an artifact is downloaded (sync), then the same reads run async."""

import asyncio
import json
import sys

from noa_sdk import ApiError, AsyncClient, Client


def main(base_url: str, admin_key: str, source: str) -> None:
    admin = Client(base_url, token=admin_key)
    created = admin.create_key({"name": "sdk-smoke", "scopes": ["digest:write", "runs:read"]})
    key = created["key"]
    client = Client(base_url, token=key)
    try:
        Client(base_url, token="noa_wrong").list_runs()
        raise SystemExit("a wrong key was accepted")
    except ApiError as error:
        assert error.status == 401 and error.problem is not None, error
        print("problem details:", error.problem.get("type"), error.problem.get("title"))

    accepted = client.digest({"source": source})
    run_id = accepted["runId"]
    print("run", run_id)
    for event in client.run_events(run_id):
        payload = json.loads(event.data)
        print("event", event.event, payload.get("kind") or payload.get("type") or "")
        if event.event == "RunCompleted" or '"RunCompleted"' in event.data:
            print("RunCompleted")
            break
    artifacts = client.list_artifacts(run_id)
    print("artifacts", json.dumps(artifacts)[:400])
    data = client.get_artifact(run_id, "provenance.json")
    provenance = json.loads(data)
    print("downloaded provenance.json", len(data), "bytes", sorted(provenance)[:5])

    async def read_async() -> None:
        async_client = AsyncClient(base_url, token=key)
        run = await async_client.get_run(run_id)
        print("async run", run.get("status") if isinstance(run, dict) else run)
    asyncio.run(read_async())


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
