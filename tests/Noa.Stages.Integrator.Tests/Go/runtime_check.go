// Exercises the generated runtime of the hostile spec's Go SDK against a local net/http/httptest server: a 503 with
// Retry-After then success, cursor paging to the end with a discriminated union decoded, traceparent and bearer
// headers, OAuth2 client credentials for a binary download, an API key in the query for a binary upload, server-sent
// events, NDJSON, an RFC 9457 problem on 404, and a timeout. The test replaces noa_sdk with the package's module path.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"time"

	sdk "noa_sdk"
)

func main() {
	if err := run(); err != nil {
		fmt.Println("FAILED:", err)
		os.Exit(1)
	}
	fmt.Println("runtime checks passed")
}

func run() error {
	var mu sync.Mutex
	seen := map[string]http.Header{}
	petsAttempts, tokens := 0, 0
	var uploaded []byte
	var server *httptest.Server
	server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		seen[r.URL.Path+"?"+r.URL.RawQuery] = r.Header.Clone()
		switch {
		case r.URL.Path == "/pets" && r.Method == http.MethodGet:
			petsAttempts++
			if petsAttempts == 1 {
				w.Header().Set("Retry-After", "0")
				w.WriteHeader(http.StatusServiceUnavailable)
				return
			}
			last := r.URL.Query().Get("cursor") == "c2"
			page := map[string]any{"items": []any{map[string]any{"kind": "cat", "name": map[bool]string{false: "a", true: "b"}[last], "lives": 9}}}
			if !last {
				page["next_cursor"] = "c2"
			}
			if !last {
				page["items"] = append(page["items"].([]any), map[string]any{"kind": "dog", "name": "rex", "breed": "lab"})
			}
			_ = json.NewEncoder(w).Encode(page)
		case r.URL.Path == "/token":
			tokens++
			id, secret, _ := r.BasicAuth()
			if id != "client" || secret != "s3cret" || r.FormValue("grant_type") != "client_credentials" || r.FormValue("scope") != "pets:read" {
				w.WriteHeader(http.StatusUnauthorized)
				return
			}
			_ = json.NewEncoder(w).Encode(map[string]any{"access_token": "tok", "expires_in": 3600})
		case r.URL.Path == "/pets/7/photo" && r.Method == http.MethodGet:
			if r.Header.Get("Authorization") != "Bearer tok" {
				w.WriteHeader(http.StatusUnauthorized)
				return
			}
			w.Header().Set("Content-Type", "image/png")
			_, _ = w.Write([]byte("\x89PNG\r\n"))
		case r.URL.Path == "/pets/7/photo" && r.Method == http.MethodPut:
			uploaded, _ = io.ReadAll(r.Body)
			w.WriteHeader(http.StatusNoContent)
		case r.URL.Path == "/events":
			w.Header().Set("Content-Type", "text/event-stream")
			_, _ = io.WriteString(w, "event: tick\ndata: {\"n\": 1}\n\n: comment\ndata: two\ndata: lines\n\n")
		case r.URL.Path == "/lines":
			w.Header().Set("Content-Type", "application/x-ndjson")
			_, _ = io.WriteString(w, "{\"kind\": \"dog\", \"name\": \"x\"}\n\n{\"kind\": \"cat\", \"name\": \"y\"}\n")
		case strings.HasPrefix(r.URL.Path, "/slow"):
			time.Sleep(2 * time.Second)
		default:
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(http.StatusNotFound)
			_, _ = io.WriteString(w, `{"type": "https://example.com/problems/not-found", "title": "Not Found", "status": 404, "hint": "x"}`)
		}
	}))
	defer server.Close()
	ctx := context.Background()
	cc := &sdk.ClientCredentials{ClientID: "client", ClientSecret: "s3cret", TokenURL: server.URL + "/token"}
	client, err := sdk.NewClient(server.URL, sdk.WithBearerToken("bear"), sdk.WithAPIKey("k3y"), sdk.WithCredential("oauth", cc),
		sdk.WithRetry(sdk.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond}))
	if err != nil {
		return err
	}

	// Retry on 503 honouring Retry-After, then cursor paging with a discriminated union per item.
	var names []string
	pager := client.ListPager(sdk.ContextWithTraceparent(ctx, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", ""), nil)
	for pager.Next() {
		pet := pager.Item()
		switch {
		case pet.Cat != nil:
			names = append(names, "cat:"+pet.Cat.Name+fmt.Sprint(*pet.Cat.Lives))
		case pet.Dog != nil:
			names = append(names, "dog:"+pet.Dog.Name+":"+string(*pet.Dog.Breed))
		}
	}
	if pager.Err() != nil || strings.Join(names, ",") != "cat:a9,dog:rex:lab,cat:b9" || petsAttempts != 3 {
		return fmt.Errorf("paging: %v %v after %d attempts", names, pager.Err(), petsAttempts)
	}
	h := seen["/pets?cursor=c2"]
	if h == nil || h.Get("Authorization") != "Bearer bear" || !strings.HasPrefix(h.Get("traceparent"), "00-0af7651916cd43dd8448eb211c80319c-") {
		return fmt.Errorf("headers of the second page: %v", h)
	}

	// A union written back: only the set variant, with its discriminator.
	out, _ := json.Marshal(sdk.Pet{Dog: &sdk.Dog{Base: sdk.Base{Kind: "dog", Name: "d"}}})
	if string(out) != `{"kind":"dog","name":"d"}` {
		return fmt.Errorf("union marshal: %s", out)
	}

	// OAuth2 client credentials (token fetched once), binary download; API key in the query, binary upload.
	for i := 0; i < 2; i++ {
		photo, err := client.Call_123Download(ctx, 7)
		if err != nil || string(photo) != "\x89PNG\r\n" {
			return fmt.Errorf("download: %q %v", photo, err)
		}
	}
	if tokens != 1 {
		return fmt.Errorf("the token was fetched %d times", tokens)
	}
	if err := client.UploadPhoto(ctx, 7, bytes.NewReader([]byte("raw"))); err != nil || string(uploaded) != "raw" {
		return fmt.Errorf("upload: %q %v", uploaded, err)
	}
	if seen["/pets/7/photo?api_key=k3y"] == nil {
		return fmt.Errorf("the API key was not in the query: %v", keys(seen))
	}

	// Server-sent events and NDJSON as iterators.
	events, err := client.Watch(ctx, nil)
	if err != nil {
		return err
	}
	var got []string
	for events.Next() {
		got = append(got, events.Event().Event+"="+events.Event().Data)
	}
	events.Close()
	if strings.Join(got, "|") != "tick={\"n\": 1}|message=two\nlines" {
		return fmt.Errorf("events: %q", got)
	}
	lines, err := client.Lines(ctx)
	if err != nil {
		return err
	}
	var kinds []string
	for lines.Next() {
		v := lines.Value()
		kinds = append(kinds, fmt.Sprint(v.Dog != nil, v.Cat != nil))
	}
	lines.Close()
	if strings.Join(kinds, ",") != "true false,false true" || lines.Err() != nil {
		return fmt.Errorf("ndjson: %v %v", kinds, lines.Err())
	}

	// RFC 9457 problem details as a typed error.
	_, err = client.ListPost(ctx, sdk.Pet{Cat: &sdk.Cat{}})
	var problem *sdk.ProblemError
	if !errors.As(err, &problem) || problem.StatusCode != 404 || problem.Title != "Not Found" || problem.Extensions["hint"] != "x" {
		return fmt.Errorf("problem: %v", err)
	}

	// A timeout bounds an attempt.
	slow, _ := sdk.NewClient(server.URL+"/slow", sdk.WithTimeout(100*time.Millisecond), sdk.WithRetry(sdk.RetryPolicy{MaxAttempts: 1}))
	started := time.Now()
	if _, err := slow.Call_123Download(ctx, 1); err == nil || time.Since(started) > time.Second {
		return fmt.Errorf("timeout: %v after %v", err, time.Since(started))
	}
	return nil
}

func keys(m map[string]http.Header) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
