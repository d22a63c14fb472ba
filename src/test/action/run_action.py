#!/usr/bin/env python3
"""Runs a composite GitHub Action (action.yml) locally the way a runner does, for tests.

For every step: evaluates its `if:` (success(), failure(), always(), `steps.<id>.outputs.<name>`
compared with == / != '', joined by &&), substitutes ${{ inputs.* }}, ${{ steps.*.outputs.* }},
${{ runner.temp }}, ${{ github.workspace }} and ${{ github.action_path }} in `env:`, `run:` and
`with:`, and runs `run:` steps with `bash --noprofile --norc -eo pipefail` in the workspace with
GITHUB_ACTION_PATH, GITHUB_OUTPUT, GITHUB_ENV, GITHUB_PATH, GITHUB_STEP_SUMMARY, RUNNER_TEMP and
GITHUB_ACTIONS=true, reading back outputs, GITHUB_ENV and GITHUB_PATH as a runner does.
`uses:` steps are not run: they are reported (ran = the runner would run them) with their
evaluated `with:`.

Usage: run_action.py ACTION_DIR WORKSPACE RUNNER_TEMP RESULT_JSON [input=value ...]
Writes {"steps": [{id, kind, ran, outcome, with}], "outputs": {...}, "summary": "..."} to RESULT_JSON;
exits 0 (the action's own failure is in the JSON).
"""
import json
import os
import re
import subprocess
import sys

import yaml

EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def parse_file_commands(path):
    """key=value lines and key<<DELIM heredocs, as GITHUB_OUTPUT and GITHUB_ENV hold them."""
    values = {}
    if not os.path.exists(path):
        return values
    lines = open(path, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            key, delim = line.split("<<", 1)
            body = []
            i += 1
            while lines[i] != delim:
                body.append(lines[i])
                i += 1
            values[key] = "\n".join(body)
        elif "=" in line:
            key, value = line.split("=", 1)
            values[key] = value
        i += 1
    return values


def main():
    action_dir, workspace, runner_temp, result_json = sys.argv[1:5]
    action = yaml.safe_load(open(os.path.join(action_dir, "action.yml"), encoding="utf-8"))
    given = dict(arg.split("=", 1) for arg in sys.argv[5:])
    unknown = set(given) - set(action.get("inputs", {}))
    if unknown:
        sys.exit(f"run_action: unknown inputs {sorted(unknown)}")
    inputs = {k: str(given.get(k, v.get("default", ""))) for k, v in action["inputs"].items()}
    steps_out = {}
    env_extra = {}
    path_extra = []
    failed = False
    report = []

    def value(expr):
        if expr.startswith("inputs."):
            return inputs[expr[len("inputs."):]]
        if expr.startswith("steps."):
            _, sid, _, name = expr.split(".", 3)
            return steps_out.get(sid, {}).get(name, "")
        return {
            "runner.temp": runner_temp,
            "github.workspace": workspace,
            "github.action_path": action_dir,
        }[expr]

    def subst(text):
        return EXPR.sub(lambda m: value(m.group(1)), str(text))

    def condition(cond):
        if cond is None:
            return not failed
        terms = [t.strip() for t in EXPR.sub(lambda m: m.group(1), cond).split("&&")]
        ok = True
        has_status = False
        for t in terms:
            if t == "failure()":
                has_status, ok = True, ok and failed
            elif t == "success()":
                has_status, ok = True, ok and not failed
            elif t == "always()":
                has_status = True
            else:
                m = re.fullmatch(r"(\S+)\s*(==|!=)\s*''", t)
                if not m:
                    sys.exit(f"run_action: cannot evaluate if: {cond}")
                empty = value(m.group(1)) == ""
                ok = ok and (empty if m.group(2) == "==" else not empty)
        return ok if has_status else ok and not failed

    for n, step in enumerate(action["runs"]["steps"]):
        sid = step.get("id", f"step{n}")
        entry = {"id": sid, "kind": "run" if "run" in step else step["uses"], "ran": False}
        report.append(entry)
        if not condition(step.get("if")):
            continue
        if "uses" in step:
            # Not run here: "ran" says the runner would run it, "with" what it would get.
            entry.update(ran=True, **{"with": {k: subst(v) for k, v in step.get("with", {}).items()}})
            continue
        files = {
            name: os.path.join(runner_temp, f"{sid}.{name}")
            for name in ("output", "env", "path", "summary")
        }
        for f in files.values():
            open(f, "w").close()
        env = dict(os.environ)
        env.update(env_extra)
        env["PATH"] = os.pathsep.join(path_extra + [env["PATH"]])
        env.update(
            GITHUB_ACTIONS="true",
            GITHUB_ACTION_PATH=action_dir,
            GITHUB_WORKSPACE=workspace,
            RUNNER_TEMP=runner_temp,
            GITHUB_OUTPUT=files["output"],
            GITHUB_ENV=files["env"],
            GITHUB_PATH=files["path"],
            GITHUB_STEP_SUMMARY=files["summary"],
        )
        env.update({k: subst(v) for k, v in step.get("env", {}).items()})
        script = os.path.join(runner_temp, f"{sid}.sh")
        with open(script, "w", encoding="utf-8") as f:
            f.write(subst(step["run"]))
        print(f"::run_action:: step {sid}", flush=True)
        code = subprocess.call(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", script], cwd=workspace, env=env
        )
        entry.update(ran=True, exit=code, summary=open(files["summary"]).read())
        steps_out[sid] = parse_file_commands(files["output"])
        env_extra.update(parse_file_commands(files["env"]))
        path_extra = [p for p in open(files["path"]).read().split("\n") if p] + path_extra
        if code != 0:
            failed = True

    outputs = {k: subst(v["value"]) for k, v in action.get("outputs", {}).items()}
    with open(result_json, "w", encoding="utf-8") as f:
        json.dump({"failed": failed, "steps": report, "outputs": outputs}, f, indent=2)


if __name__ == "__main__":
    main()
