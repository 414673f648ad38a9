"""Calls Prism serving Specs/clinic.yaml through the generated Python SDK: query parameters with an enum, a JSON body
holding a discriminated oneOf, a path parameter, a 404 as ApiError with problem details (Prism's `Prefer: code=404`),
and a multipart upload through its TypedDict (bytes, then a file). Prism runs with --errors, so a request the SDK builds
wrongly comes back as a 422 and fails this script. The test replaces pet_clinic with the generated package's name, so mypy --strict checks these calls."""

import asyncio
import io
import sys

from pet_clinic import ApiError, AsyncClient, Client


def check(condition: bool, what: str) -> None:
    if not condition:
        raise SystemExit(f"FAILED: {what}")


def main(base_url: str) -> None:
    client = Client(base_url)
    pets = client.list_pets(species="dog", limit=2)
    check(len(pets) == 2, f"listPets: two pets, got {pets}")
    first, second = pets[0]["animal"], pets[1]["animal"]
    check(first["kind"] == "dog" and first["name"] == "Rex", f"listPets: a dog first, got {first}")
    check(second["kind"] == "cat" and second.get("indoor") is True, f"listPets: an indoor cat second, got {second}")
    print("listPets", [p["id"] for p in pets], pets[0]["status"])

    created = client.create_pet({"animal": {"kind": "cat", "name": "Mia", "indoor": False}, "status": "available", "tags": ["new"]})
    check(created["id"] == 7 and created["animal"]["kind"] == "cat", f"createPet: got {created}")
    print("createPet", created["id"], created["animal"]["name"])

    pet = asyncio.run(AsyncClient(base_url).get_pet(1))
    check(pet["id"] == 1 and pet.get("tags") == ["calm"], f"getPet: got {pet}")
    print("getPet", pet["id"])

    try:
        client.get_pet(3, extra_headers={"Prefer": "code=404"})
        raise SystemExit("FAILED: getPet with Prefer code=404 returned a pet")
    except ApiError as error:
        check(error.status == 404 and error.problem is not None, f"getPet 404: want problem details, got {error!r}")
        assert error.problem is not None
        check(error.problem.get("title") == "Not Found", f"getPet 404: title, got {error.problem}")
        print("problem details:", error.status, error.problem.get("type"), error.problem.get("title"))

    photo = client.upload_photo(1, {"photo": b"\x89PNG\r\n\x1a\n fake image", "caption": "at the park"})
    check(photo["id"] == "p-1" and photo["petId"] == 1, f"uploadPhoto: got {photo}")
    streamed = client.upload_photo(1, {"photo": io.BytesIO(b"\x89PNG streamed"), "caption": "from a file"})
    check(streamed["id"] == "p-1", f"uploadPhoto from a file: got {streamed}")
    print("uploadPhoto", photo["id"], streamed["id"])
    print("prism check passed")


if __name__ == "__main__":
    main(sys.argv[1])
