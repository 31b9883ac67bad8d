"""docker-compose.yml, the Dockerfile and .env.example against the code they deploy.

No Docker engine runs here, so the files are parsed and held to what the project reads
and runs: every variable of .env.example is read by Claimdesk (or by the compose file) and
every one Claimdesk reads is in it; every service passes .env and starts a real entry point
with options that entry point has; detection has a worker of its own on the `detect`
queue; the image installs the dependencies in a layer of their own, then the project once.
"""

from __future__ import annotations

import ast
import importlib
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
import yaml
from celery.bin.celery import celery as celery_cli
from django.conf import settings
from django.core.management import get_commands
from gunicorn.config import Config as GunicornConfig

REPO = Path(__file__).resolve().parents[2]
APP_PACKAGES = ("claimdesk", "accounts", "claims", "annotate", "publishing", "dashboard")
APP_IMAGE = "claimdesk:latest"
# Plain values only: compose's env_file and the shell (`make deploy-check` sources the file)
# then read the same thing (no quotes, spaces, $ or backslashes to be read two ways).
ENV_LINE = re.compile(r"^(?P<name>[A-Z][A-Z0-9_]*)=(?P<value>[^\s'\"$`\\]*)$")
INTERPOLATION = re.compile(r"\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?::?[-?](?P<rest>[^}]*))?\}")


# --- What the files say ------------------------------------------------------------------------
def env_example() -> dict[str, str]:
    """The variables .env.example sets (comments and blank lines are documentation)."""
    found: dict[str, str] = {}
    for number, line in enumerate((REPO / ".env.example").read_text().splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = ENV_LINE.match(line)
        assert match, f".env.example:{number} is not NAME=plain-value: {line!r}"
        assert match["name"] not in found, f".env.example sets {match['name']} twice"
        found[match["name"]] = match["value"]
    return found


def compose_text() -> str:
    return (REPO / "docker-compose.yml").read_text()


def compose() -> dict[str, Any]:
    return yaml.safe_load(compose_text())


def app_services() -> dict[str, dict[str, Any]]:
    """The services that run Claimdesk's own image (not PostgreSQL or Redis)."""
    return {
        name: service
        for name, service in compose()["services"].items()
        if "build" in service or service.get("image") == APP_IMAGE
    }


def argv(service: dict[str, Any]) -> list[str]:
    command = service["command"]
    words = shlex.split(command) if isinstance(command, str) else [str(w) for w in command]
    return [_fill(word) for word in words]


def _fill(word: str) -> str:
    def one(match: re.Match[str]) -> str:
        text = match[0]
        if ":-" in text or text.startswith("${" + match["name"] + "-"):
            return match["rest"] or ""
        return "x"  # ${NAME:?message} or ${NAME}: whatever the operator sets

    return INTERPOLATION.sub(one, word)


# --- What the code reads -----------------------------------------------------------------------
def _env_readers() -> set[str]:
    """The typed readers of claimdesk/env.py (env_str, env_bool, ...)."""
    tree = ast.parse((REPO / "claimdesk" / "env.py").read_text())
    return {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name.startswith("env_")
    }


def settings_reads() -> set[str]:
    """Every variable claimdesk/settings.py reads, through claimdesk.env's readers or os."""
    readers = _env_readers()
    tree = ast.parse((REPO / "claimdesk" / "settings.py").read_text())
    imported = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "claimdesk.env"
        for alias in node.names
        if alias.name in readers
    }
    assert imported, "settings.py no longer imports claimdesk.env's readers"
    loops = _literal_loops(tree)
    names: set[str] = set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        if node.func.id not in imported:
            continue
        first = node.args[0] if node.args else None
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            names.add(first.value)
            continue
        # A name made in a comprehension over a literal tuple, such as
        # {name: env_str(f"DEMO_{name.upper()}_PASSWORD") for name in ("annotator", ...)}.
        assert isinstance(first, ast.JoinedStr) and id(node) in loops, (
            f"settings.py line {node.lineno}: {node.func.id}() reads a name this test "
            "cannot work out (use a literal, or an f-string over a literal tuple)"
        )
        variable, values = loops[id(node)]
        expression = compile(ast.Expression(first), "settings.py", "eval")
        for value in values:
            names.add(eval(expression, {"__builtins__": {}}, {variable: value}))
    return names | _os_environ_reads(tree, _string_constants(tree))


def _literal_loops(tree: ast.AST) -> dict[int, tuple[str, list[str]]]:
    """{id of each call inside a comprehension over a literal tuple: (loop variable, values)}."""
    loops: dict[int, tuple[str, list[str]]] = {}
    comprehensions = (ast.DictComp, ast.ListComp, ast.SetComp, ast.GeneratorExp)
    for node in ast.walk(tree):
        if not isinstance(node, comprehensions) or len(node.generators) != 1:
            continue
        loop = node.generators[0]
        if not isinstance(loop.target, ast.Name):
            continue
        try:
            values = list(ast.literal_eval(loop.iter))
        except ValueError:
            continue
        for inner in ast.walk(node):
            if isinstance(inner, ast.Call):
                loops[id(inner)] = (loop.target.id, values)
    return loops


def _string_constants(tree: ast.Module) -> dict[str, str]:
    """A module's top-level ``NAME = "text"`` assignments."""
    return {
        target.id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
        for target in node.targets
        if isinstance(target, ast.Name)
    }


def _os_environ_reads(tree: ast.Module, constants: dict[str, str]) -> set[str]:
    """Names read with os.environ.get(), os.getenv() or os.environ[...]: literals, and
    constants of the apps holding one (``os.environ.get(THRESHOLD_SETTING)``)."""
    names = set()
    for node in ast.walk(tree):
        key: ast.expr | None = None
        if isinstance(node, ast.Call) and node.args:
            func = ast.unparse(node.func)
            if func in {"os.environ.get", "os.getenv", "environ.get", "getenv"}:
                key = node.args[0]
        elif isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
            if ast.unparse(node.value) in {"os.environ", "environ"}:
                key = node.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            names.add(key.value)
        elif isinstance(key, ast.Name) and key.id in constants:
            names.add(constants[key.id])
    return names


def app_reads() -> set[str]:
    """Variables read straight from the environment elsewhere in the apps (the detector's).

    The detector's training tools (claims/detection/training/, run by management commands
    on a developer's machine) are no part of a deployment, nor is what they read.
    """
    trees = [
        ast.parse(path.read_text())
        for package in APP_PACKAGES
        for path in (REPO / package).rglob("*.py")
        if "migrations" not in path.parts and "training" not in path.parts
    ]
    constants = {name: text for tree in trees for name, text in _string_constants(tree).items()}
    return {name for tree in trees for name in _os_environ_reads(tree, constants)}


def compose_variables() -> set[str]:
    return {match["name"] for match in INTERPOLATION.finditer(compose_text())}


# --- .env.example ------------------------------------------------------------------------------
def test_the_readers_are_found():
    """The extraction itself: a handful of variables that must be among what settings read."""
    reads = settings_reads()
    assert {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"} <= reads
    assert {"CELERY_VISIBILITY_TIMEOUT", "CLAIMDESK_LOGIN_LOCKOUT_BY"} <= reads
    assert {"DEMO_ANNOTATOR_PASSWORD", "DEMO_ADMIN_PASSWORD"} <= reads  # an f-string's names
    assert len(reads) > 40
    assert {"CLAIMDESK_DETECTOR", "CLAIMDESK_DETECTOR_THRESHOLD"} <= app_reads()


def test_env_example_lists_every_variable_claimdesk_reads():
    listed = set(env_example())
    assert sorted(settings_reads() - listed) == [], "read by claimdesk/settings.py"
    assert sorted(app_reads() - listed) == [], "read from the environment by an app"
    assert sorted(compose_variables() - listed) == [], "used by docker-compose.yml"


def test_env_example_sets_nothing_that_nobody_reads():
    known = settings_reads() | app_reads() | compose_variables()
    assert sorted(set(env_example()) - known) == []


def test_the_settings_start_on_env_example_as_a_production_site():
    """The example is a deployable configuration once it has a key (compose passes it as is)."""
    env = {**env_example(), "SECRET_KEY": "k3J!x9@pQ2#vL7$wN5%zR8^tY4&uB6*eC1(oM0)aS-dF_gH+jK=lZ"}
    show = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.DEBUG, s.DATABASES['default']['ENGINE'], s.CELERY_BROKER_URL, "
        "s.CELERY_TASK_ALWAYS_EAGER, s.SECURE_SSL_REDIRECT]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", show],
        cwd=REPO,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "claimdesk.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        '[false, "django.db.backends.postgresql", "redis://redis:6379/0", false, true]'
    )


# --- docker-compose.yml ------------------------------------------------------------------------
def test_every_claimdesk_service_takes_its_settings_from_env_file_alone():
    services = app_services()
    assert {"migrate", "web", "worker", "detect", "beat"} <= set(services)
    for name, service in services.items():
        env_file = service.get("env_file")
        files = [env_file] if isinstance(env_file, str) else env_file or []
        paths = [f if isinstance(f, str) else f["path"] for f in files]
        assert paths == [".env"], name
        # Nothing set beside it: .env is the one place a setting is changed.
        assert "environment" not in service, name


def test_web_runs_gunicorn_on_the_projects_wsgi_application():
    words = argv(app_services()["web"])
    assert words[0] == "gunicorn"
    parsed = GunicornConfig().parser().parse_args(words[1:])
    assert parsed.args == ["claimdesk.wsgi"]
    assert settings.WSGI_APPLICATION == "claimdesk.wsgi.application"
    assert callable(importlib.import_module("claimdesk.wsgi").application)
    assert int(parsed.workers) >= 1


def _celery(service: dict[str, Any]) -> tuple[str, dict[str, list[str]]]:
    """(sub-command, {option: values}) of a `celery -A claimdesk ...` command, each option
    checked against the ones celery's own command line declares."""
    words = argv(service)
    assert words[:3] == ["celery", "-A", "claimdesk"], words
    sub, rest = words[3], words[4:]
    command = celery_cli.get_command(click.Context(celery_cli), sub)
    assert command is not None, f"celery has no {sub!r} command"
    declared = {opt for param in command.params for opt in param.opts + param.secondary_opts}
    options: dict[str, list[str]] = {}
    index = 0
    while index < len(rest):
        word = rest[index]
        if "=" in word:
            name, value = word.split("=", 1)
        else:
            name, value = word, rest[index + 1]
            index += 1
        assert name in declared, f"celery {sub} has no option {name}"
        options.setdefault(name, []).append(value)
        index += 1
    return sub, options


def _queues(options: dict[str, list[str]]) -> set[str]:
    values = options.get("-Q", []) + options.get("--queues", [])
    return {queue for value in values for queue in value.split(",")}


def test_the_celery_services_load_the_projects_app():
    from claimdesk.celery import app

    assert app.main == "claimdesk"
    for name in ("worker", "detect", "beat"):
        _celery(app_services()[name])


def test_detection_runs_on_a_worker_of_its_own_bound_to_the_detect_queue():
    routed = {route["queue"] for route in settings.CELERY_TASK_ROUTES.values()}
    assert routed == {"detect"}
    sub, options = _celery(app_services()["detect"])
    assert sub == "worker"
    assert _queues(options) == {"detect"}
    sub, options = _celery(app_services()["worker"])
    assert sub == "worker"
    assert _queues(options) == {settings.CELERY_TASK_DEFAULT_QUEUE}


def test_every_queue_the_settings_route_to_has_a_worker_and_one_beat_runs():
    served: set[str] = set()
    beats = []
    for name, service in app_services().items():
        if argv(service)[0] != "celery":
            continue
        sub, options = _celery(service)
        if sub == "worker":
            queues = _queues(options)
            assert queues, f"{name} takes no -Q: it would serve only the default queue"
            served |= queues
        elif sub == "beat":
            beats.append(name)
    routed = {route["queue"] for route in settings.CELERY_TASK_ROUTES.values()}
    assert served == {settings.CELERY_TASK_DEFAULT_QUEUE, *routed}
    assert settings.CELERY_BEAT_SCHEDULE
    assert len(beats) == 1


def test_migrations_run_once_before_the_rest():
    services = app_services()
    words = argv(services["migrate"])
    assert words[:3] == ["python", "manage.py", "migrate"]
    assert "migrate" in get_commands()
    for name, service in services.items():
        if name != "migrate":
            condition = service["depends_on"]["migrate"]["condition"]
            assert condition == "service_completed_successfully", name


def test_postgres_and_redis_have_healthchecks_the_apps_wait_for():
    services = compose()["services"]
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    assert "ping" in services["redis"]["healthcheck"]["test"]
    for name, service in app_services().items():
        for dependency in ("db", "redis") if name != "migrate" else ("db",):
            assert service["depends_on"][dependency]["condition"] == "service_healthy", name


def test_the_database_password_is_one_setting():
    example = env_example()
    url = example["DATABASE_URL"]
    assert url.startswith("postgres://claimdesk:") and url.endswith("@db:5432/claimdesk")
    assert f":{example['POSTGRES_PASSWORD']}@" in url
    assert "POSTGRES_PASSWORD" in compose()["services"]["db"]["environment"]["POSTGRES_PASSWORD"]


# --- Dockerfile --------------------------------------------------------------------------------
def dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    lines: list[str] = []
    pending = ""
    for raw in (REPO / "Dockerfile").read_text().splitlines():
        line = raw.strip()
        if line.startswith("#") or not line:
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        lines.append(pending + line)
        pending = ""
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines]


def _installs_the_project(run: str) -> bool:
    """A `pip install` whose targets include the project itself (`.` or `-e .`)."""
    lexer = shlex.shlex(run, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    command: list[str] = []
    for word in [*lexer, ";"]:
        if word in {"&&", "||", ";", "|", ">", "<"}:
            if "pip" in command and "install" in command and "." in command:
                return True
            command = []
        else:
            command.append(word)
    return False


def test_the_dockerfile_installs_dependencies_in_a_layer_of_their_own():
    steps = dockerfile()
    copies = [(i, args.split()) for i, (op, args) in enumerate(steps) if op == "COPY"]
    source = next(i for i, words in copies if words[:-1] == ["."])
    before = [words for i, words in copies if i < source]
    sources = {src for words in before for src in words[:-1]}
    assert sources == {"pyproject.toml", "constraints.txt"}, "only dependency files first"
    installs = [args for op, args in steps[:source] if op == "RUN" and "pip install" in args]
    assert installs and all("-c constraints.txt" in run for run in installs)
    assert not any(_installs_the_project(run) for run in installs), "dependencies only"


def test_the_dockerfile_installs_the_project_once_without_deps_as_a_non_root_user():
    steps = dockerfile()
    runs = [args for op, args in steps if op == "RUN"]
    project = [run for run in runs if _installs_the_project(run)]
    assert len(project) == 1
    assert "--no-deps" in project[0]
    assert any("collectstatic" in run for run in runs)
    users = [args for op, args in steps if op == "USER"]
    assert users and users[-1] not in {"root", "0"}
    assert [op for op, _ in steps].index("USER") > max(
        i for i, (op, _) in enumerate(steps) if op == "RUN"
    )


@pytest.mark.parametrize("name", ["pyproject.toml", "constraints.txt", "claimdesk", "manage.py"])
def test_dockerignore_keeps_what_the_build_copies(name):
    ignored = (REPO / ".dockerignore").read_text().split()
    assert name not in ignored
    assert (REPO / name).exists()
