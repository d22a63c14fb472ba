// A stand-in for podinfo (the image the shipped fixtures' chart runs), written for fluxlab:
// podinfo's module cannot be built here by version, and no image can be pulled. It serves the
// parts of podinfo's HTTP API that fluxlab and its scenarios read, with the version the image
// was built for (FLUXLAB_PODINFO_VERSION, set by scripts/build-images):
//
//	GET /          {"hostname", "version", "revision", "message", "goos", "goarch", "runtime", ...}
//	GET /version   {"version", "commit"}
//	GET /healthz, /readyz   {"status": "OK"}
//	GET /env       the process environment, as podinfo does
//
// Flags: --port=N as podinfo's (default 9898); podinfo's other flags are accepted and ignored.
package main

import (
	"encoding/json"
	"flag"
	"log"
	"net/http"
	"os"
	"runtime"
	"strconv"
)

func main() {
	fs := flag.NewFlagSet("podinfo", flag.ContinueOnError)
	port := fs.Int("port", 9898, "HTTP port")
	// Unknown podinfo flags (--level, --backend-url, ...) must not stop the pod.
	var known []string
	for _, a := range os.Args[1:] {
		if len(a) > 7 && a[:7] == "--port=" {
			known = append(known, a)
		}
	}
	if err := fs.Parse(known); err != nil {
		os.Exit(2)
	}
	version := os.Getenv("FLUXLAB_PODINFO_VERSION")
	hostname, _ := os.Hostname()

	reply := func(w http.ResponseWriter, v any) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		if err := json.NewEncoder(w).Encode(v); err != nil {
			log.Printf("writing response: %v", err)
		}
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		reply(w, map[string]string{
			"hostname":      hostname,
			"version":       version,
			"revision":      "fluxlab-stand-in",
			"color":         "#34577c",
			"logo":          "",
			"message":       os.Getenv("PODINFO_UI_MESSAGE"),
			"goos":          runtime.GOOS,
			"goarch":        runtime.GOARCH,
			"runtime":       runtime.Version(),
			"num_goroutine": strconv.Itoa(runtime.NumGoroutine()),
			"num_cpu":       strconv.Itoa(runtime.NumCPU()),
		})
	})
	mux.HandleFunc("/version", func(w http.ResponseWriter, r *http.Request) {
		reply(w, map[string]string{"version": version, "commit": "fluxlab-stand-in"})
	})
	ok := func(w http.ResponseWriter, r *http.Request) { reply(w, map[string]string{"status": "OK"}) }
	mux.HandleFunc("/healthz", ok)
	mux.HandleFunc("/readyz", ok)
	mux.HandleFunc("/env", func(w http.ResponseWriter, r *http.Request) { reply(w, os.Environ()) })

	addr := ":" + strconv.Itoa(*port)
	log.Printf("podinfo stand-in %s listening on %s", version, addr)
	log.Fatal(http.ListenAndServe(addr, mux))
}
