// Calls Prism serving Specs/clinic.yaml through the generated TypeScript SDK: query parameters with an enum, a JSON body
// holding a discriminated oneOf, a path parameter, a 404 as ProblemError with problem details (Prism's
// `Prefer: code=404`), and a multipart upload of a Blob. Prism runs with --errors, so a request the SDK builds wrongly
// comes back as a 422 and fails this script. Compiled with the SDK by tsc --strict; the @ts-expect-error lines hold
// only while the multipart body is typed from its schema (a file field takes a Blob, the required caption must be there).
import { Client, ProblemError } from "./index.js";
import type { Animal } from "./index.js";

declare const process: { argv: string[]; exitCode?: number };

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`FAILED: ${what}`);
}

function describe(animal: Animal): string {
  // The discriminated union narrows on kind: breed is a Dog's, indoor a Cat's.
  return animal.kind === "dog" ? `dog ${animal.name} (${animal.breed ?? "?"})` : `cat ${animal.name} indoor=${animal.indoor ?? "?"}`;
}

async function main(baseUrl: string): Promise<void> {
  const client = new Client(baseUrl);
  const pets = await client.listPets({ species: "dog", limit: 2 });
  check(pets.length === 2, `listPets: two pets, got ${JSON.stringify(pets)}`);
  check(describe(pets[0]!.animal) === "dog Rex (collie)", `listPets: a dog first, got ${JSON.stringify(pets[0])}`);
  check(describe(pets[1]!.animal) === "cat Tom indoor=true", `listPets: an indoor cat second, got ${JSON.stringify(pets[1])}`);
  console.log("listPets", pets.map((p) => p.id), pets[0]!.status);

  const created = await client.createPet({ animal: { kind: "cat", name: "Mia", indoor: false }, status: "available", tags: ["new"] });
  check(created.id === 7 && created.animal.kind === "cat", `createPet: got ${JSON.stringify(created)}`);
  console.log("createPet", created.id, describe(created.animal));

  const pet = await client.getPet(1);
  check(pet.id === 1 && pet.tags?.[0] === "calm", `getPet: got ${JSON.stringify(pet)}`);
  console.log("getPet", pet.id);

  try {
    await client.getPet(3, { headers: { Prefer: "code=404" } });
    throw new Error("FAILED: getPet with Prefer code=404 returned a pet");
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    check(error.status === 404 && error.problem?.title === "Not Found", `getPet 404: want problem details, got ${error.message}`);
    console.log("problem details:", error.status, error.problem?.type, error.problem?.title);
  }

  const image = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: "image/png" });
  const photo = await client.uploadPhoto(1, { photo: image, caption: "at the park" });
  check(photo.id === "p-1" && photo.petId === 1, `uploadPhoto: got ${JSON.stringify(photo)}`);
  const again = await client.uploadPhoto(1, { photo: new Uint8Array([1, 2, 3]), caption: "bytes" });
  check(again.id === "p-1", `uploadPhoto (bytes): got ${JSON.stringify(again)}`);
  console.log("uploadPhoto", photo.id);
  if (process.exitCode === -1) {
    // Never run: only for tsc, which must reject these calls.
    // @ts-expect-error a file field takes a Blob or bytes, not a number
    await client.uploadPhoto(1, { photo: 42, caption: "x" });
    // @ts-expect-error the caption is required by the schema
    await client.uploadPhoto(1, { photo: image });
  }
  console.log("prism check passed");
}

const [baseUrl] = process.argv.slice(2);
if (!baseUrl) throw new Error("usage: node prism_clinic.js BASE_URL");
await main(baseUrl);
