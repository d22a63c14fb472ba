// kustomize-builder is fluxlab's long-lived kustomize: it builds one Kustomization per request
// line, the way kustomize-controller builds in-process, so that a build costs no process start
// and no copy of the artifact.
//
// Request (one JSON object per line on stdin):
//
//	{"id": 1, "root": "/abs/artifact", "dir": "apps/x", "files": {"apps/x/kustomization.yaml": "..."}}
//
// "files" are laid over the artifact in memory (the generated kustomization.yaml); the artifact on
// disk is only read, and never outside "root": like kustomize-controller, the build sees the
// artifact through a file system that refuses any path (or symlink target) outside it.
// Response (one line on stdout): {"id": 1, "yaml": "..."} or {"id": 1, "error": "..."}.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	securefs "github.com/fluxcd/pkg/kustomize/filesys"
	"sigs.k8s.io/kustomize/api/krusty"
	kustypes "sigs.k8s.io/kustomize/api/types"
)

type request struct {
	ID    int64             `json:"id"`
	Root  string            `json:"root"`
	Dir   string            `json:"dir"`
	Files map[string]string `json:"files"`
}

type response struct {
	ID    int64  `json:"id"`
	YAML  string `json:"yaml,omitempty"`
	Error string `json:"error,omitempty"`
}

func main() {
	in := bufio.NewReader(os.Stdin)
	out := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(out)
	dec := json.NewDecoder(in)
	// Builds run one at a time per process: kustomize's global state is not safe for concurrent
	// builds (kubernetes-sigs/kustomize#3659); fluxlab runs one process per core instead.
	for {
		var req request
		if err := dec.Decode(&req); err != nil {
			return // stdin closed: fluxlab is done with us
		}
		yaml, err := build(req)
		res := response{ID: req.ID, YAML: yaml}
		if err != nil {
			res.Error = strings.ReplaceAll(err.Error(), req.Root+string(filepath.Separator), "")
		}
		if err := enc.Encode(res); err != nil {
			return
		}
		if err := out.Flush(); err != nil {
			return
		}
	}
}

func build(req request) (yaml string, err error) {
	defer func() {
		// Invalid object data can make kustomize panic; that is a failed build, not a dead builder.
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered from kustomize build panic: %v", r)
		}
	}()
	disk, err := securefs.MakeFsOnDiskSecure(req.Root)
	if err != nil {
		return "", err
	}
	fs := securefs.MakeFsInMemory(disk)
	for name, content := range req.Files {
		if err := fs.WriteFile(filepath.Join(req.Root, name), []byte(content)); err != nil {
			return "", err
		}
	}
	k := krusty.MakeKustomizer(&krusty.Options{
		LoadRestrictions: kustypes.LoadRestrictionsNone,
		PluginConfig:     kustypes.DisabledPluginConfig(),
	})
	resources, err := k.Run(fs, filepath.Join(req.Root, req.Dir))
	if err != nil {
		return "", err
	}
	out, err := resources.AsYaml()
	if err != nil {
		return "", err
	}
	return string(out), nil
}
