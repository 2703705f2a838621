"""Scheduled retraining of a text classifier (IMDB sentiment by default), one task per stage:

    ingest -> prepare -> train -> evaluate --\\
          \\-> baseline ---------------------+-> report -> promote

Every task runs spark-submit (client or cluster deploy mode) and turns the stage's exit code into an
Airflow outcome the same way in both modes (imdb_rnn_tasks.run_task):
  0  success;
  3  promote kept the champion: the task is *skipped* (visible, not a failure, no retry);
  2  bad settings or input: the task fails at once, without retries (a retry would fail alike);
  1  or anything else (a lost executor, an I/O error, a driver that died): retried.
In cluster mode spark-submit does not return the driver's code (standalone and Kubernetes exit 0
whatever the driver did), so the driver writes it to <data_root>/runs/<ds>/outcomes/<task>.try-<n>.json
and a local `imdb-rnn outcome FILE` reads it back. A job that no worker can run fails after
cluster.executor-wait-seconds (exit 1) instead of hanging. The report
(<data_root>/runs/<ds>/report/report.html) shows the candidate beside the baseline and the champion.

Airflow Variables (with defaults):
  imdb_rnn_jar         the cluster jar (target/imdb-rnn-spark.jar, copied where the cluster can read it)
  imdb_rnn_properties  Spark settings file (conf/spark-cluster.properties)
  imdb_rnn_data_root   where runs are written: <root>/runs/<ds>/{reviews,prepared,model,evaluation,
                       baseline,report,outcomes}; the model registry is <root>/registry
  imdb_rnn_spark_submit  the spark-submit command (default: spark-submit on the PATH)
  imdb_rnn_master      --master, e.g. spark://host:7077 or yarn (default: spark-defaults.conf's)
  imdb_rnn_deploy_mode client (default; the driver runs on the Airflow worker) or cluster
  imdb_rnn_submit_args more spark-submit options, e.g. "--executor-cores 1 --executor-memory 2g"
  imdb_rnn_archive     the raw input, on HDFS/S3/local: aclImdb_v1.tar.gz or an aclImdb directory, or
                       your own labeled text (a CSV, TSV, JSON Lines or Parquet table, a folder per class)
  imdb_rnn_config      a settings file every stage reads (default: none), e.g. for a table of your own
                       ingest.label-column, ingest.test-input and the recipe (conf/short-texts.conf)
  imdb_rnn_train_settings  comma-separated train settings, e.g. "train.epochs=10,train.workers=4"

Runs are keyed by the logical date ({{ ds }}) and every stage passes --overwrite, so retrying a task
(or clearing a whole run) rewrites the same paths instead of piling up partial outputs.
"""
import shlex
from datetime import datetime, timedelta

from airflow import DAG
from airflow.exceptions import AirflowException, AirflowFailException, AirflowSkipException
from airflow.models import Variable
from airflow.operators.python import PythonOperator

from imdb_rnn_tasks import outcome_path, run_task, stage_args, submit_commands

JAR = Variable.get("imdb_rnn_jar", default_var="/opt/imdb-rnn/imdb-rnn-spark.jar")
PROPERTIES = Variable.get("imdb_rnn_properties", default_var="/opt/imdb-rnn/conf/spark-cluster.properties")
DATA_ROOT = Variable.get("imdb_rnn_data_root", default_var="hdfs:///data/imdb-rnn")
ARCHIVE = Variable.get("imdb_rnn_archive", default_var="hdfs:///data/raw/aclImdb_v1.tar.gz")
TRAIN_SETTINGS = [s for s in Variable.get("imdb_rnn_train_settings", default_var="").split(",") if s]
CONFIG = Variable.get("imdb_rnn_config", default_var="") or None
SPARK_SUBMIT = Variable.get("imdb_rnn_spark_submit", default_var="spark-submit")
MASTER = Variable.get("imdb_rnn_master", default_var="")
DEPLOY_MODE = Variable.get("imdb_rnn_deploy_mode", default_var="client")
SUBMIT_ARGS = shlex.split(Variable.get("imdb_rnn_submit_args", default_var=""))


def run_stage(task_id, args, ds, ti, **_):
    commands = submit_commands(SPARK_SUBMIT, PROPERTIES, JAR, MASTER, DEPLOY_MODE, f"imdb-rnn-{task_id}-{ds}",
                               args, outcome_path(DATA_ROOT, ds, task_id, ti.try_number), SUBMIT_ARGS)
    what, code = run_task(commands)
    if what == "skip":
        raise AirflowSkipException(f"{task_id}: kept the champion (exit {code})")
    if what == "fail":
        raise AirflowFailException(f"{task_id}: bad settings or input (exit 2); fix them, a retry would fail alike")
    if what == "retry":
        raise AirflowException(f"{task_id}: failed (exit {code}); retried")


with DAG(
    dag_id="imdb_rnn_retrain",
    description="Retrain the IMDB review sentiment RNN on Spark",
    schedule="@weekly",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=10)},
    tags=["imdb-rnn", "spark"],
) as dag:
    tasks = {}
    for task_id, args, upstream in stage_args(DATA_ROOT, "{{ ds }}", ARCHIVE, TRAIN_SETTINGS, CONFIG):
        # op_kwargs are templated: "{{ ds }}" in the arguments becomes the run's date.
        task = PythonOperator(task_id=task_id, python_callable=run_stage,
                              op_kwargs={"task_id": task_id, "args": args})
        for name in upstream:
            tasks[name] >> task
        tasks[task_id] = task
