// Calls Prism serving Specs/clinic.yaml through the generated Go SDK: query parameters with an enum, a JSON body holding
// a discriminated oneOf, a path parameter, a 404 as *ProblemError with problem details (Prism's `Prefer: code=404`, set
// by a BeforeRequest hook), and a multipart upload through its typed form struct. Prism runs with --errors, so a
// request the SDK builds wrongly comes back as a 422 and fails this program. The test replaces clinic_sdk with the generated package's module path.
package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"time"

	sdk "clinic_sdk"
)

func main() {
	if err := run(os.Args[1]); err != nil {
		fmt.Println("FAILED:", err)
		os.Exit(1)
	}
	fmt.Println("prism check passed")
}

func run(baseURL string) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	client, err := sdk.NewClient(baseURL)
	if err != nil {
		return err
	}
	limit := int64(2)
	pets, err := client.ListPets(ctx, &sdk.ListPetsParams{Species: sdk.SpeciesDog, Limit: &limit})
	if err != nil {
		return fmt.Errorf("listPets: %w", err)
	}
	if len(pets) != 2 || pets[0].Animal == nil || pets[0].Animal.Dog == nil || pets[0].Animal.Dog.Name != "Rex" {
		return fmt.Errorf("listPets: want the dog Rex first, got %+v", pets)
	}
	if cat := pets[1].Animal.Cat; cat == nil || cat.Indoor == nil || !*cat.Indoor || pets[1].Born == nil {
		return fmt.Errorf("listPets: want an indoor cat with a birth date second, got %+v", pets[1])
	}
	fmt.Println("listPets", pets[0].ID, pets[1].ID, pets[0].Status, pets[1].Born.Format("2006-01-02"))

	indoor, status := false, sdk.StatusAvailable
	created, err := client.CreatePet(ctx, sdk.NewPet{
		Animal: &sdk.Animal{Cat: &sdk.Cat{Kind: sdk.CatKindCat, Name: "Mia", Indoor: &indoor}},
		Status: &status,
		Tags:   []string{"new"},
	})
	if err != nil {
		return fmt.Errorf("createPet: %w", err)
	}
	if created.ID != 7 || created.Animal == nil || created.Animal.Cat == nil || created.Animal.Cat.Name != "Mia" {
		return fmt.Errorf("createPet: got %+v", created)
	}
	fmt.Println("createPet", created.ID, created.Animal.Cat.Name)

	pet, err := client.GetPet(ctx, 1)
	if err != nil || pet.ID != 1 || len(pet.Tags) != 1 {
		return fmt.Errorf("getPet: got %+v, %v", pet, err)
	}
	fmt.Println("getPet", pet.ID)

	missing, err := sdk.NewClient(baseURL, sdk.WithHooks(sdk.Hooks{BeforeRequest: func(r *http.Request) { r.Header.Set("Prefer", "code=404") }}))
	if err != nil {
		return err
	}
	_, err = missing.GetPet(ctx, 3)
	var problem *sdk.ProblemError
	if !errors.As(err, &problem) || problem.StatusCode != 404 || problem.Title != "Not Found" {
		return fmt.Errorf("getPet with Prefer code=404: want a 404 *ProblemError titled Not Found, got %v", err)
	}
	fmt.Println("problem details:", problem.StatusCode, problem.Type, problem.Title)

	photo, err := client.UploadPhoto(ctx, 1, sdk.UploadPhotoRequest{Photo: []byte("\x89PNG fake image"), Caption: "at the park"})
	if err != nil {
		return fmt.Errorf("uploadPhoto: %w", err)
	}
	if photo.ID != "p-1" || photo.PetID != 1 {
		return fmt.Errorf("uploadPhoto: got %+v", photo)
	}
	fmt.Println("uploadPhoto", photo.ID)
	return nil
}
