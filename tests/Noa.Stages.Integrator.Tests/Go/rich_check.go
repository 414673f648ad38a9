// Exercises the Go SDK of Specs/rich.yaml against a local net/http/httptest server: page-number, offset and
// integer-cursor pagers; a discriminated union (no mapping: the variants' names); an anyOf without a discriminator
// decoded by trying its variants strictly; allOf bases embedded; dates; a oneOf written back; form and text bodies;
// repeated array query parameters. The test replaces noa_sdk with the package's module path.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"time"

	sdk "noa_sdk"
)

func main() {
	if err := run(); err != nil {
		fmt.Println("FAILED:", err)
		os.Exit(1)
	}
	fmt.Println("rich checks passed")
}

const order = `{"id": "o1", "created": "2024-05-06T07:08:09Z", "due": "2024-06-01", "by": "ann",
  "total": {"amount": "9.50", "currency": "EUR"}, "status": "in-progress", "priority": -3,
  "shipping": {"address": "1 Main St"}, "Type": "T", "type": 7}`

func run() error {
	var queries []string
	var posted string
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		queries = append(queries, r.Method+" "+r.URL.Path+"?"+r.URL.RawQuery)
		w.Header().Set("Content-Type", "application/json")
		q := r.URL.Query()
		switch {
		case r.URL.Path == "/orders" && r.Method == http.MethodGet:
			pages := map[string]string{"": "[" + order + "," + order + "]", "2": "[" + order + "]"}
			items, ok := pages[q.Get("page")]
			if !ok {
				items = "[]"
			}
			_, _ = io.WriteString(w, `{"items": `+items+`, "total": 3}`)
		case r.URL.Path == "/orders" && r.Method == http.MethodPost:
			body, _ := io.ReadAll(r.Body)
			posted = string(body)
			w.WriteHeader(http.StatusCreated)
			_, _ = io.WriteString(w, order)
		case r.URL.Path == "/orders/o%2F1/lines" || r.URL.Path == "/orders/o/1/lines":
			lines := map[string]string{"0": `[{"sku": "a", "qty": 1}, {"sku": "b", "qty": 2}]`, "2": `[{"sku": "c", "qty": 3}]`}
			page, ok := lines[q.Get("offset")]
			if !ok {
				page = "[]"
			}
			_, _ = io.WriteString(w, page)
		case r.URL.Path == "/orders/o1/events":
			if q.Get("continuation_token") == "" {
				_, _ = io.WriteString(w, `{"events": [{"event-type": "Created", "order": `+order+`}, {"event-type": "Shipped", "carrier": "dhl"}], "continuation_token": 5}`)
			} else {
				_, _ = io.WriteString(w, `{"events": [{"event-type": "Shipped", "carrier": "ups"}], "continuation_token": 0}`)
			}
		case r.URL.Path == "/search":
			_ = r.ParseForm()
			if r.PostForm.Get("q") != "shoes" {
				w.WriteHeader(http.StatusBadRequest)
				return
			}
			_, _ = io.WriteString(w, `["x", 3, ["a", "b"], {"sku": "s", "qty": 1}, null]`)
		case r.URL.Path == "/notes":
			body, _ := io.ReadAll(r.Body)
			w.Header().Set("Content-Type", "text/plain")
			_, _ = io.WriteString(w, r.Header.Get("Content-Type")+":"+string(body))
		default:
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	defer server.Close()
	ctx := context.Background()
	client, err := sdk.NewClient(server.URL)
	if err != nil {
		return err
	}

	// Page numbers, with required and array query parameters; allOf bases embedded; dates; enums.
	since := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	orders := client.ListOrdersPager(ctx, &sdk.ListOrdersParams{Type: "x", Tags: []string{"a", "b"}, Since: &since})
	count := 0
	for orders.Next() {
		o := orders.Item()
		count++
		if *o.ID != "o1" || o.Total.Amount != "9.50" || o.Due.Format("2006-01-02") != "2024-06-01" || o.Created.Hour() != 7 ||
			*o.Status != sdk.StatusInProgress || *o.Priority != sdk.PriorityMinus3 || o.Shipping.Delivery == nil ||
			o.Shipping.Delivery.Address != "1 Main St" || *o.Type != "T" || *o.Type2 != 7 || *o.By != "ann" {
			return fmt.Errorf("order decoded wrong: %+v", o)
		}
	}
	if orders.Err() != nil || count != 3 || !contains(queries, "page=2") || !contains(queries, "page=3") ||
		!contains(queries, "since=2024-01-02T03%3A04%3A05Z&tags=a&tags=b&type=x") {
		return fmt.Errorf("page paging: %d items, %v, %v", count, orders.Err(), queries)
	}

	// Offsets, advanced by the items received; a path parameter escaped.
	lines := client.ListLinesPager(ctx, "o/1", &sdk.ListLinesParams{})
	var skus []string
	for lines.Next() {
		skus = append(skus, lines.Item().Sku)
	}
	if strings.Join(skus, "") != "abc" || lines.Err() != nil {
		return fmt.Errorf("offset paging: %v %v %v", skus, lines.Err(), queries)
	}

	// An integer cursor; a discriminated union whose mapping is the variants' names.
	events := client.OrderEventsPager(ctx, "o1", nil)
	var seen []string
	for events.Next() {
		e := events.Item()
		switch {
		case e.Created != nil:
			seen = append(seen, "created:"+*e.Created.Order.ID)
		case e.Shipped != nil:
			seen = append(seen, "shipped:"+*e.Shipped.Carrier)
		}
	}
	if strings.Join(seen, ",") != "created:o1,shipped:dhl,shipped:ups" || events.Err() != nil {
		return fmt.Errorf("cursor paging: %v %v", seen, events.Err())
	}

	// anyOf without a discriminator: the first variant that decodes strictly; null stays nil.
	results, err := client.Search(ctx, map[string]any{"q": "shoes"})
	if err != nil || len(results) != 5 || results[0].String == nil || *results[0].String != "x" || results[1].Int == nil ||
		*results[1].Int != 3 || len(results[2].StringList) != 2 || results[3].Line == nil || results[3].Line.Qty != 1 || results[4] != nil {
		return fmt.Errorf("anyOf: %v %+v", err, results)
	}
	if _, err := json.Marshal(results); err != nil {
		return err
	}

	// oneOf written back as the variant set; a required struct field.
	note := "n"
	if _, err := client.CreateOrder(ctx, sdk.NewOrder{Total: &sdk.Money{Amount: "1", Currency: "EUR"}, Note: &note,
		Shipping: &sdk.NewOrderShipping{Pickup: &sdk.Pickup{Store: "s"}}}); err != nil {
		return err
	}
	if posted != `{"total":{"amount":"1","currency":"EUR"},"note":"n","shipping":{"store":"s"}}` {
		return fmt.Errorf("posted %s", posted)
	}

	// A text body and a text response.
	text := "hello"
	echoed, err := client.AddNote(ctx, &text)
	if err != nil || echoed != "text/plain:hello" {
		return fmt.Errorf("text: %q %v", echoed, err)
	}
	return nil
}

func contains(items []string, part string) bool {
	for _, s := range items {
		if strings.Contains(s, part) {
			return true
		}
	}
	return false
}
