# archiver as a container job: mount a folder holding urls.txt at /data and get
# warcs/ and clean/ back in it.  README.md, "Running as a container job", has build, run and
# schedule notes; tests/docker/run.sh builds and runs this file with podman.
#
#   docker build -t archiver .
#   docker run --rm --user "$(id -u):$(id -g)" -v "$PWD:/data" archiver
#
# BASE_IMAGE is any Debian-like image with python3 (>= 3.11.2) and its venv module;
# only `python3` is called, never `python`, so a bare Debian base works too.
ARG BASE_IMAGE=python:3.11-slim

# ---- deps: a venv with the pinned dependencies (rebuilt only when the lock changes)
FROM ${BASE_IMAGE} AS deps
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 PIP_ROOT_USER_ACTION=ignore LANG=C.UTF-8
RUN python3 -m venv /opt/archiver
COPY requirements.lock /tmp/requirements.lock
# Wheels where a pin has one (no compiler needed); a pure-Python pin published only as a
# source archive (feedgen) is built by pip with its own setuptools.
RUN /opt/archiver/bin/python3 -m pip install --prefer-binary -r /tmp/requirements.lock

# ---- build: archiver itself from the source tree, its installed files staged under /staging
FROM deps AS build
COPY . /src
# --no-deps: nothing outside the lock gets in; pip check: the lock covers every requirement
# (it fails here when pyproject.toml gained a dependency: rerun tests/docker/lock.sh).
RUN /opt/archiver/bin/python3 -m pip install --no-deps --no-build-isolation /src \
 && /opt/archiver/bin/python3 -m pip check \
 && /opt/archiver/bin/archiver --version \
 && /opt/archiver/bin/python3 -c 'import importlib.metadata as md, os, shutil; \
[(os.makedirs(os.path.dirname("/staging" + p), exist_ok=True), shutil.copy2(p, "/staging" + p)) \
 for p in (os.path.normpath(f.locate()) for f in md.files("archiver")) if os.path.isfile(p)]'

# ---- venv: the dependencies without pip and setuptools (the job needs neither), and the
# non-root user (made here so the runtime stage needs no RUN: podman build -v leaves an
# empty mount-point file, e.g. /etc/pip.conf, in every layer a RUN makes)
FROM deps AS venv
RUN /opt/archiver/bin/python3 -m pip uninstall -y -q setuptools pip \
 && groupadd --system --gid 10001 archiver \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /data \
        --shell /usr/sbin/nologin archiver \
 && mkdir -p /data && chown 10001:10001 /data

# ---- runtime: the base image, the non-root user, the venv, then archiver's own files
FROM ${BASE_IMAGE}
LABEL org.opencontainers.image.title="archiver" \
      org.opencontainers.image.description="Archive news pages as WARC files and extract clean article text" \
      org.opencontainers.image.licenses="MIT"
# The same base plus the user: the venv stage's account files replace the base's.
COPY --from=venv /etc/passwd /etc/group /etc/shadow /etc/gshadow /etc/
COPY --from=venv --chown=10001:10001 /data /data
# HOME=/tmp: any uid given with --user has a writable home; PYTHONUNBUFFERED: log
# lines reach `docker logs` as they happen.
ENV PATH=/opt/archiver/bin:$PATH \
    LANG=C.UTF-8 \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    HOME=/tmp
USER 10001:10001
WORKDIR /data
# Python as PID 1 ignores SIGTERM; SIGINT becomes KeyboardInterrupt, a clean stop
# with the CLI's exit code 130 (`docker stop` sends this signal).
STOPSIGNAL SIGINT
ENTRYPOINT ["archiver"]
CMD ["run", "urls.txt"]
# Last, so a code change rebuilds only this small layer (and the build stage).
COPY --from=venv /opt/archiver /opt/archiver
COPY --from=build /staging/ /
