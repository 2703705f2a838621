"""Argument lists of the imdb-rnn stages for one scheduled run. No Airflow import, so CI can check
every list against the real CLI (`python3 imdb_rnn_tasks.py ...` prints them as JSON).

Each run writes under <data_root>/runs/<run_date>/ and passes --overwrite, so a retried task replaces
the output of an earlier attempt (outputs are all-or-nothing) and the run is idempotent.
"""
import argparse
import json


def work_dir(data_root, run_date):
    return f"{data_root.rstrip('/')}/runs/{run_date}"


def stage_args(data_root, run_date, archive, train_settings=()):
    """[(task_id, [imdb-rnn arguments])] in execution order.

    train_settings: extra "key=value" settings for the train stage, e.g. ("train.epochs=10",).
    """
    work = work_dir(data_root, run_date)
    # --resume: a retried train task continues from its last per-epoch checkpoint.
    train = ["train", "--input", f"{work}/prepared", "--output", f"{work}/model", "--overwrite", "--resume"]
    for setting in train_settings:
        train += ["--set", setting]
    return [
        ("ingest", ["ingest", "--input", archive, "--output", f"{work}/reviews", "--overwrite"]),
        ("prepare", ["prepare", "--input", f"{work}/reviews", "--output", f"{work}/prepared", "--overwrite"]),
        ("train", train),
        ("evaluate", ["evaluate", "--model", f"{work}/model", "--input", f"{work}/prepared",
                      "--output", f"{work}/evaluation", "--overwrite"]),
    ]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-root", required=True)
    parser.add_argument("--run-date", required=True)
    parser.add_argument("--archive", required=True)
    parser.add_argument("--train-setting", action="append", default=[])
    a = parser.parse_args()
    for task_id, args in stage_args(a.data_root, a.run_date, a.archive, a.train_setting):
        print(json.dumps({"task_id": task_id, "args": args}))
