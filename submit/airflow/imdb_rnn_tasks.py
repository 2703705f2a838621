"""Argument lists of the imdb-rnn stages for one scheduled run, the spark-submit commands that run
them, and how an exit code becomes an Airflow outcome. No Airflow import, so CI can check every list
against the real CLI (`python3 imdb_rnn_tasks.py ...` prints them as JSON).

Exit codes: 0 succeeded, 3 promote kept the champion (a skip), 2 bad input (fails, no retry: a retry
would fail the same way), anything else is retried. In client mode spark-submit returns the driver's
code. In cluster mode it does not (standalone and Kubernetes exit 0 whatever the driver did, YARN
only says failed), so the driver records its code in an outcome file (--outcome-file) and a second,
local command (`imdb-rnn outcome FILE`) reads it back as its own exit code. A missing file means the
driver died before writing it: retried.

Each run writes under <data_root>/runs/<run_date>/ and passes --overwrite, so a retried task replaces
the output of an earlier attempt (outputs are all-or-nothing) and the run is idempotent. The model in
service lives in <data_root>/registry/, which only `promote` changes (a retried promote that had
finished answers the same and records nothing twice).
"""
import argparse
import json
import subprocess


def work_dir(data_root, run_date):
    return f"{data_root.rstrip('/')}/runs/{run_date}"


def registry_dir(data_root):
    return f"{data_root.rstrip('/')}/registry"


EXIT_OK = 0
EXIT_BAD_INPUT = 2
# promote's exit code when it keeps the champion: a normal outcome, shown as a skipped task.
EXIT_KEPT = 3


def outcome_path(data_root, run_date, task_id, try_number):
    """Where a cluster-mode driver records its exit code: one file per attempt, so a retry never
    reads the outcome of the attempt before it."""
    return f"{work_dir(data_root, run_date)}/outcomes/{task_id}.try-{int(try_number)}.json"


def submit_commands(spark_submit, properties, jar, master, deploy_mode, name, args, outcome=None, extra=()):
    """The commands that run one stage, in order: [spark-submit of the stage] in client mode; in
    cluster mode also [the local outcome check], whose exit code is then the stage's. extra: more
    spark-submit options for the stage (sizes, --conf)."""
    if deploy_mode not in ("client", "cluster"):
        raise ValueError(f"deploy mode must be client or cluster, not {deploy_mode!r}")
    base = [spark_submit, "--properties-file", properties]
    stage = base + (["--master", master] if master else []) + ["--deploy-mode", deploy_mode, "--name", name,
                                                                *extra]
    if deploy_mode == "client":
        return [stage + [jar, *args]]
    if not outcome:
        raise ValueError("cluster deploy mode needs an outcome file")
    # Standalone's client returns at once unless told to wait; YARN and Kubernetes wait by default.
    stage += ["--conf", "spark.standalone.submit.waitAppCompletion=true", jar, "--outcome-file", outcome, *args]
    # Reading a file needs no cluster: a local JVM with the same Hadoop settings.
    check = base + ["--master", "local[1]", "--deploy-mode", "client", "--name", f"{name}-outcome",
                    jar, "outcome", outcome, "--command", args[0]]
    return [stage, check]


def action(exit_code):
    """What Airflow should make of an exit code: success, skip, fail (no retry) or retry."""
    if exit_code == EXIT_OK:
        return "success"
    if exit_code == EXIT_KEPT:
        return "skip"
    if exit_code == EXIT_BAD_INPUT:
        return "fail"
    return "retry"


def run_task(commands, call=subprocess.call):
    """Runs a stage's commands; returns (action, exit code). The last command's code is the answer:
    in cluster mode the outcome check runs even when spark-submit itself failed, since the driver
    may have recorded bad input that spark-submit reports only as "failed"."""
    code = None
    for command in commands:
        code = call(command)
    return action(code), code


def stage_args(data_root, run_date, archive, train_settings=(), config=None):
    """[(task_id, [imdb-rnn arguments], [upstream task ids])] in an order that respects upstream.

    archive: the raw input, in any layout ingest reads (an aclImdb archive or directory, a CSV, TSV,
    JSON Lines or Parquet table, a folder per class).
    train_settings: extra "key=value" settings for the train stage, e.g. ("train.epochs=10",).
    config: a settings file every stage reads (--config), e.g. with ingest.label-column and
    ingest.test-input for a table of your own; None for none.
    """
    stages = _stage_args(data_root, run_date, archive, train_settings)
    if config:
        stages = [(task_id, args + ["--config", config], up) for task_id, args, up in stages]
    return stages


def _stage_args(data_root, run_date, archive, train_settings):
    work = work_dir(data_root, run_date)
    # --resume: a retried train task continues from its last per-epoch checkpoint.
    train = ["train", "--input", f"{work}/prepared", "--output", f"{work}/model", "--overwrite", "--resume"]
    for setting in train_settings:
        train += ["--set", setting]
    return [
        ("ingest", ["ingest", "--input", archive, "--output", f"{work}/reviews", "--overwrite"], []),
        ("prepare", ["prepare", "--input", f"{work}/reviews", "--output", f"{work}/prepared", "--overwrite"],
         ["ingest"]),
        ("baseline", ["baseline", "--input", f"{work}/reviews", "--output", f"{work}/baseline", "--overwrite"],
         ["ingest"]),
        ("train", train, ["prepare"]),
        ("evaluate", ["evaluate", "--model", f"{work}/model", "--input", f"{work}/prepared",
                      "--output", f"{work}/evaluation", "--overwrite"], ["train"]),
        # Before promote, so the report shows the champion this run is measured against.
        ("report", ["report", "--evaluation", f"{work}/evaluation", "--model", f"{work}/model",
                    "--reviews", f"{work}/reviews", "--baseline", f"{work}/baseline",
                    "--registry", registry_dir(data_root), "--output", f"{work}/report", "--overwrite"],
         ["evaluate", "baseline"]),
        # Exit 0 promoted, 3 kept the champion (a skip, not a failure), 2 bad input, 1 retry.
        ("promote", ["promote", "--model", f"{work}/model", "--evaluation", f"{work}/evaluation",
                     "--reviews", f"{work}/reviews", "--registry", registry_dir(data_root)], ["report"]),
    ]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-root", required=True)
    parser.add_argument("--run-date", required=True)
    parser.add_argument("--archive", required=True)
    parser.add_argument("--train-setting", action="append", default=[])
    parser.add_argument("--config")
    a = parser.parse_args()
    for task_id, args, upstream in stage_args(a.data_root, a.run_date, a.archive, a.train_setting, a.config):
        print(json.dumps({"task_id": task_id, "args": args, "upstream": upstream}))
