# Claimdesk: one image for the web, worker, detect and beat services (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin claimdesk

# The dependency layer: only pyproject.toml and constraints.txt go in, so it is rebuilt when
# a dependency or a pin changes and reused for every code change. It installs the project's
# dependencies (pinned by constraints.txt), not the project.
COPY pyproject.toml constraints.txt ./
RUN python -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))' \
        > /tmp/requirements.txt \
    && pip install -c constraints.txt -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

# The code, then the project itself, once, editable (it runs from /app, where the settings
# find templates/ and static/ beside it) and without dependencies: they are all above.
COPY . .
RUN pip install --no-deps -c constraints.txt -e . \
    # Static files are collected once, into the image; whitenoise serves them. The key is
    # a throwaway that only gets settings past the production checks during the build.
    && DEBUG=false ALLOWED_HOSTS=build SECRET_KEY="collectstatic-only-$(python -c 'import secrets; print(secrets.token_urlsafe(48))')" \
       python manage.py collectstatic --noinput

USER claimdesk
EXPOSE 8000
CMD ["gunicorn", "claimdesk.wsgi", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
