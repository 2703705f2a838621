package io.imdbrnn.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The few Airflow names the DAG file imports, as Python modules, so that the DAG's own task
 * function can run without an Airflow installation: {@code Variable.get} reads a JSON object from
 * an environment variable, operators only record their dependencies, and the exceptions keep
 * Airflow's hierarchy (skip and fail are kinds of {@code AirflowException}). {@link #RUNNER} runs
 * one task and prints which Airflow outcome it chose.
 */
final class AirflowStub {
  static final String VARIABLES = "IMDB_RNN_TEST_AIRFLOW_VARIABLES";
  static final String RUNNER = "run_dag_task.py";

  private AirflowStub() {}

  static Path write(Path dir) throws IOException {
    file(
        dir.resolve("airflow/__init__.py"),
        "class DAG:",
        "    def __init__(self, **kwargs):",
        "        self.kwargs = kwargs",
        "    def __enter__(self):",
        "        return self",
        "    def __exit__(self, *exc):",
        "        return False");
    file(
        dir.resolve("airflow/exceptions.py"),
        "class AirflowException(Exception):",
        "    pass",
        "class AirflowFailException(AirflowException):",
        "    pass",
        "class AirflowSkipException(AirflowException):",
        "    pass");
    file(
        dir.resolve("airflow/models.py"),
        "import json, os",
        "class Variable:",
        "    @staticmethod",
        "    def get(key, default_var=None):",
        "        return json.loads(os.environ['" + VARIABLES + "']).get(key, default_var)");
    file(dir.resolve("airflow/operators/__init__.py"));
    file(
        dir.resolve("airflow/operators/python.py"),
        "class PythonOperator:",
        "    def __init__(self, task_id, python_callable, op_kwargs):",
        "        self.task_id, self.python_callable, self.op_kwargs = task_id, python_callable, op_kwargs",
        "        self.upstream = []",
        "    def __rshift__(self, other):",
        "        other.upstream.append(self.task_id)",
        "        return other");
    file(
        dir.resolve(RUNNER),
        "import sys",
        "from airflow.exceptions import AirflowException, AirflowFailException,"
            + " AirflowSkipException",
        "import imdb_rnn_retrain as dag",
        "task_id, ds, try_number = sys.argv[1], sys.argv[2], int(sys.argv[3])",
        "print('TASKS %d' % len(dag.tasks), flush=True)",
        "task = dag.tasks[task_id]",
        "# Airflow renders the templated op_kwargs before calling; here only {{ ds }} is used.",
        "args = [a.replace('{{ ds }}', ds) for a in task.op_kwargs['args']]",
        "class TaskInstance:",
        "    pass",
        "ti = TaskInstance()",
        "ti.try_number = try_number",
        "try:",
        "    task.python_callable(task_id=task_id, args=args, ds=ds, ti=ti)",
        "    print('ACTION success')",
        "except AirflowSkipException as e:",
        "    print('ACTION skip', e)",
        "except AirflowFailException as e:",
        "    print('ACTION fail', e)",
        "except AirflowException as e:",
        "    print('ACTION retry', e)");
    return dir;
  }

  private static void file(Path file, String... lines) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, String.join("\n", lines) + "\n");
  }
}
