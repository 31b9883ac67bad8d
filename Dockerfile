# Claimdesk: one image for the web, worker and beat services (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    # Settings find templates/ and static/ beside the code (BASE_DIR), so the code runs
    # from /app; this makes /app win over the copy pip installs into site-packages.
    PYTHONPATH=/app

WORKDIR /app

# Dependencies first, pinned by constraints.txt, so that code changes reuse this layer.
COPY pyproject.toml constraints.txt README.md ./
COPY claimdesk/__init__.py claimdesk/__init__.py
COPY claims/__init__.py claims/__init__.py
COPY annotate/__init__.py annotate/__init__.py
RUN pip install -c constraints.txt .

COPY . .
RUN pip install --no-deps -c constraints.txt . \
    # Static files are collected once, into the image; whitenoise serves them. The key is
    # a throwaway that only gets settings past the production checks during the build.
    && DEBUG=false ALLOWED_HOSTS=build SECRET_KEY="collectstatic-only-$(python -c 'import secrets; print(secrets.token_urlsafe(48))')" \
       python manage.py collectstatic --noinput \
    && useradd --system --uid 10001 --home-dir /app claimdesk

USER claimdesk
EXPOSE 8000
CMD ["gunicorn", "claimdesk.wsgi", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
