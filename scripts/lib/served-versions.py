#!/usr/bin/env python3
"""Checks that CRDs serve every API version the pinned Flux controllers use.

Usage: served-versions.py --crds FILE [--crds FILE...] CONTROLLER=VERSION=MODULE_DIR...

For each controller, from its module source at the pinned version:
  - the Flux API modules its go.mod requires (github.com/fluxcd/<x>-controller/api;
    its own api module at the version it requires, since the module zip has no api/ dir),
  - in those modules, the group of each package version and its root kinds
    (`+kubebuilder:object:root=true` types),
  - in the controller's non-test Go files, every `alias.Kind` reference to such a package:
    the (group, version, kind) the controller reads or watches.
Each of those must be served by a CRD in the given files; otherwise the controller fails at start
with `no matches for kind ... in version ...` (issue 12). Prints one line per use, exits 1 when any
is not served, 2 on bad input. Needs `go` (module downloads only, no build) and PyYAML.
"""

import json
import pathlib
import re
import subprocess
import sys

import yaml

API_MODULE = re.compile(r"^\s*(github\.com/fluxcd/[a-z-]+-controller/api)\s+(v\S+)", re.M)
GROUP = re.compile(r'Group:\s*"([^"]+)"')
# The marker, more comment lines or blank lines, then the type.
ROOT_TYPE = re.compile(r"\+kubebuilder:object:root=true(?:\n(?://[^\n]*)?)*\ntype (\w+) struct")
IMPORT = re.compile(r'^\s*(\w+\s+)?"(github\.com/fluxcd/[a-z-]+-controller/api/(v\w+))"', re.M)


def module_dir(path, version):
    out = subprocess.run(
        ["go", "mod", "download", "-json", f"{path}@{version}"],
        check=False, capture_output=True, text=True)
    info = json.loads(out.stdout or "{}")
    if out.returncode != 0 or "Dir" not in info:
        sys.exit(f"served-versions: cannot download {path}@{version}: {info.get('Error', out.stderr)}")
    return pathlib.Path(info["Dir"])


def api_packages(api_path, api_dir):
    """import path -> (group, version, set of root kinds) for each version package."""
    packages = {}
    for pkg in sorted(p for p in api_dir.iterdir() if p.is_dir() and re.fullmatch(r"v\w+", p.name)):
        text = "\n".join(f.read_text() for f in pkg.glob("*.go") if not f.name.endswith("_test.go"))
        group = GROUP.search(text)
        if not group:
            continue
        kinds = {k for k in ROOT_TYPE.findall(text) if not k.endswith("List")}
        packages[f"{api_path}/{pkg.name}"] = (group.group(1), pkg.name, kinds)
    return packages


def uses(controller_dir, packages):
    """(group, version, kind) -> a file that references it."""
    found = {}
    for f in controller_dir.rglob("*.go"):
        rel = f.relative_to(controller_dir)
        if f.name.endswith("_test.go") or rel.parts[0] in ("api", "vendor", "hack", "tests"):
            continue
        text = f.read_text(errors="replace")
        for alias, path, version in IMPORT.findall(text):
            if path not in packages:
                continue
            group, _, kinds = packages[path]
            name = alias.strip() or version
            for kind in kinds:
                if re.search(rf"\b{re.escape(name)}\.{kind}(Kind)?\b", text):
                    found.setdefault((group, version, kind), str(rel))
    return found


def served(crd_files):
    """(group, kind) -> set of served versions, from every CRD in the files."""
    table = {}
    for path in crd_files:
        try:
            docs = list(yaml.safe_load_all(pathlib.Path(path).read_text()))
        except (OSError, yaml.YAMLError) as e:
            sys.stderr.write(f"served-versions: cannot read {path}: {e}\n")
            sys.exit(2)
        for doc in docs:
            if not doc or doc.get("kind") != "CustomResourceDefinition":
                continue
            spec = doc["spec"]
            versions = {v["name"] for v in spec.get("versions", []) if v.get("served")}
            table.setdefault((spec["group"], spec["names"]["kind"]), set()).update(versions)
    return table


def main(argv):
    crd_files, controllers = [], []
    args = iter(argv)
    for a in args:
        if a == "--crds":
            crd_files.append(next(args, None) or sys.exit("served-versions: --crds needs a file"))
        elif a.count("=") == 2:
            controllers.append(a.split("=", 2))
        else:
            sys.stderr.write(f"served-versions: bad argument {a!r} (see the usage)\n")
            return 2
    if not crd_files or not controllers:
        sys.stderr.write("served-versions: need --crds FILE and at least one CONTROLLER=VERSION=DIR\n")
        return 2
    table = served(crd_files)
    missing = 0
    for name, version, src in controllers:
        src = pathlib.Path(src)
        packages = {}
        for api_path, api_version in API_MODULE.findall((src / "go.mod").read_text()):
            packages.update(api_packages(api_path, module_dir(api_path, api_version)))
        found = uses(src, packages)
        if not found:
            print(f"FAIL {name} {version}: no use of a Flux API kind found in {src} (checker broken?)")
            missing += 1
        for (group, gv, kind), where in sorted(found.items()):
            have = table.get((group, kind))
            if have is None:
                print(f"FAIL {name} {version} uses {group}/{gv} {kind} ({where}): no CRD for that kind")
                missing += 1
            elif gv not in have:
                print(f"FAIL {name} {version} uses {group}/{gv} {kind} ({where}):"
                      f" its CRD serves only {', '.join(sorted(have))}")
                missing += 1
            else:
                print(f"ok   {name} {version} uses {group}/{gv} {kind}: served")
    if missing:
        print(f"served-versions: {missing} API version(s) used by the controllers are not served"
              f" by the CRDs of {len(crd_files)} file(s), first {crd_files[0]}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
