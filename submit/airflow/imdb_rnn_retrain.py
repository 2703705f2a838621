"""Scheduled retraining of the IMDB sentiment model, one task per stage:

    ingest -> prepare -> train -> evaluate --\
          \-> baseline ---------------------+-> report -> promote

Every stage but promote is a SparkSubmitOperator (apache-airflow-providers-apache-spark). promote
runs spark-submit in client mode from a BashOperator, because its exit code is its answer: 0 the
candidate was promoted, 3 the champion was kept, which Airflow shows as a *skipped* task (visible,
not a failure, no retry); 2 (bad input) fails without a useful retry and 1 is retried. The report
(<data_root>/runs/<ds>/report/report.html) shows the candidate beside the baseline and the champion.

Airflow Variables (with defaults):
  imdb_rnn_jar         the cluster jar (target/imdb-rnn-spark.jar, copied where the cluster can read it)
  imdb_rnn_properties  Spark settings file (conf/spark-cluster.properties)
  imdb_rnn_data_root   where runs are written: <root>/runs/<ds>/{reviews,prepared,model,evaluation,
                       baseline,report}; the model registry is <root>/registry
  imdb_rnn_spark_submit  the spark-submit command promote runs (default: spark-submit on the PATH)
  imdb_rnn_archive     the raw reviews: aclImdb_v1.tar.gz or an aclImdb directory, on HDFS/S3/local
  imdb_rnn_train_settings  comma-separated train settings, e.g. "train.epochs=10,train.workers=4"

Exit codes reach Airflow only where spark-submit returns the driver's: in client mode (promote always
submits so), and on YARN in cluster mode as failed or not. In standalone cluster mode spark-submit
exits 0 whatever the driver does, so give the spark_default connection deploy-mode client there.
A job that no worker can run fails after cluster.executor-wait-seconds (exit 1) instead of hanging.

Runs are keyed by the logical date ({{ ds }}) and every stage passes --overwrite, so retrying a task
(or clearing a whole run) rewrites the same paths instead of piling up partial outputs. The CLI exits 2
for bad settings or input (a retry cannot help) and 1 for other failures.
"""
import shlex
from datetime import datetime, timedelta

from airflow import DAG
from airflow.models import Variable
from airflow.operators.bash import BashOperator
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

from imdb_rnn_tasks import EXIT_KEPT, stage_args

JAR = Variable.get("imdb_rnn_jar", default_var="/opt/imdb-rnn/imdb-rnn-spark.jar")
PROPERTIES = Variable.get("imdb_rnn_properties", default_var="/opt/imdb-rnn/conf/spark-cluster.properties")
DATA_ROOT = Variable.get("imdb_rnn_data_root", default_var="hdfs:///data/imdb-rnn")
ARCHIVE = Variable.get("imdb_rnn_archive", default_var="hdfs:///data/raw/aclImdb_v1.tar.gz")
TRAIN_SETTINGS = [s for s in Variable.get("imdb_rnn_train_settings", default_var="").split(",") if s]
SPARK_SUBMIT = Variable.get("imdb_rnn_spark_submit", default_var="spark-submit")

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
    for task_id, args, upstream in stage_args(DATA_ROOT, "{{ ds }}", ARCHIVE, TRAIN_SETTINGS):
        if task_id == "promote":
            # Client mode: the driver runs here, so its exit code is the task's.
            command = shlex.join([SPARK_SUBMIT, "--deploy-mode", "client", "--properties-file", PROPERTIES,
                                  "--name", "imdb-rnn-promote", JAR, *args])
            task = BashOperator(task_id=task_id, bash_command=command, skip_on_exit_code=EXIT_KEPT)
        else:
            # The jar's manifest names the main class, so java_class is not needed.
            task = SparkSubmitOperator(
                task_id=task_id,
                application=JAR,
                properties_file=PROPERTIES,
                application_args=args,
                name=f"imdb-rnn-{task_id}-{{{{ ds }}}}",
                conn_id="spark_default",
            )
        for name in upstream:
            tasks[name] >> task
        tasks[task_id] = task
