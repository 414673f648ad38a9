// Drives noa's gateway through the generated Go SDK: admin creates a key, the key starts a digest, the run's
// server-sent events are followed to RunCompleted, and an artifact is downloaded. A wrong key must come back as a
// *ProblemError with RFC 9457 details. The test replaces noa_sdk with the generated package's module path.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	sdk "noa_sdk"
)

func main() {
	if err := run(os.Args[1], os.Args[2], os.Args[3]); err != nil {
		fmt.Println("FAILED:", err)
		os.Exit(1)
	}
}

func run(baseURL, adminKey, source string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	admin, err := sdk.NewClient(baseURL, sdk.WithBearerToken(adminKey))
	if err != nil {
		return err
	}
	name := "sdk-smoke"
	created, err := admin.CreateKey(ctx, sdk.KeyRequest{Name: &name, Scopes: []string{"digest:write", "runs:read"}})
	if err != nil {
		return fmt.Errorf("create key: %w", err)
	}
	client, err := sdk.NewClient(baseURL, sdk.WithBearerToken(created.Key))
	if err != nil {
		return err
	}

	wrong, _ := sdk.NewClient(baseURL, sdk.WithBearerToken("noa_wrong"), sdk.WithRetry(sdk.RetryPolicy{MaxAttempts: 1}))
	_, err = wrong.ListRuns(ctx, nil)
	var problem *sdk.ProblemError
	if !errors.As(err, &problem) || problem.StatusCode != 401 || problem.Title == "" {
		return fmt.Errorf("a wrong key: want a 401 *ProblemError with a title, got %v", err)
	}
	fmt.Println("problem details:", problem.Type, problem.Title)

	traced := sdk.ContextWithTraceparent(ctx, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "")
	accepted, err := client.Digest(traced, sdk.DigestBody{Source: &source})
	if err != nil {
		return fmt.Errorf("digest: %w", err)
	}
	fmt.Println("run", accepted.RunID)

	stream, err := client.RunEvents(ctx, accepted.RunID, nil)
	if err != nil {
		return fmt.Errorf("events: %w", err)
	}
	completed := false
	for !completed && stream.Next() {
		event := stream.Event()
		var payload map[string]any
		_ = json.Unmarshal([]byte(event.Data), &payload)
		fmt.Println("event", event.Event, payload["kind"], payload["type"])
		completed = event.Event == "RunCompleted" || strings.Contains(event.Data, `"RunCompleted"`)
	}
	stream.Close()
	if !completed {
		return fmt.Errorf("the event stream ended without RunCompleted (%v)", stream.Err())
	}
	fmt.Println("RunCompleted")

	artifacts, err := client.ListArtifacts(ctx, accepted.RunID)
	if err != nil {
		return fmt.Errorf("artifacts: %w", err)
	}
	listed, _ := json.Marshal(artifacts)
	fmt.Println("artifacts", string(listed[:min(len(listed), 400)]))
	data, err := client.GetArtifact(ctx, accepted.RunID, "provenance.json")
	if err != nil {
		return fmt.Errorf("download: %w", err)
	}
	var provenance map[string]any
	if err := json.Unmarshal(data, &provenance); err != nil {
		return fmt.Errorf("provenance.json is not JSON: %w", err)
	}
	fmt.Println("downloaded provenance.json", len(data), "bytes")
	return nil
}

func min(a, b int) int {
	if a < b {
		return a
	}
	return b
}
