"""Argument lists of the imdb-rnn stages for one scheduled run. No Airflow import, so CI can check
every list against the real CLI (`python3 imdb_rnn_tasks.py ...` prints them as JSON).

Each run writes under <data_root>/runs/<run_date>/ and passes --overwrite, so a retried task replaces
the output of an earlier attempt (outputs are all-or-nothing) and the run is idempotent. The model in
service lives in <data_root>/registry/, which only `promote` changes (a retried promote that had
finished answers the same and records nothing twice).
"""
import argparse
import json


def work_dir(data_root, run_date):
    return f"{data_root.rstrip('/')}/runs/{run_date}"


def registry_dir(data_root):
    return f"{data_root.rstrip('/')}/registry"


# promote's exit code when it keeps the champion: a normal outcome, shown as a skipped task.
EXIT_KEPT = 3


def stage_args(data_root, run_date, archive, train_settings=()):
    """[(task_id, [imdb-rnn arguments], [upstream task ids])] in an order that respects upstream.

    train_settings: extra "key=value" settings for the train stage, e.g. ("train.epochs=10",).
    """
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
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-root", required=True)
    parser.add_argument("--run-date", required=True)
    parser.add_argument("--archive", required=True)
    parser.add_argument("--train-setting", action="append", default=[])
    a = parser.parse_args()
    for task_id, args, upstream in stage_args(a.data_root, a.run_date, a.archive, a.train_setting):
        print(json.dumps({"task_id": task_id, "args": args, "upstream": upstream}))
