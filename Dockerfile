# One image with every kubelite binary: etcd-lite, kube-apiserver, kube-scheduler,
# kube-controller-manager, kubelet, kube-proxy, klctl (docker-compose.yml runs one per service).
#
# It packages the workspace as built on the host, because `docker build` here reaches no
# registry (no npm, no apt, no image pulls). Build order, from a fresh clone:
#   pnpm install && pnpm build
#   bash scripts/build-base-image.sh     # kubelite/node-base:20 from the host's Node.js, offline
#   docker build -t kubelite/kubelite:dev .
# With registry access any Node >= 20 image works as the base:
#   docker build --build-arg BASE_IMAGE=node:20-bookworm-slim -t kubelite/kubelite:dev .
ARG BASE_IMAGE=kubelite/node-base:20
FROM ${BASE_IMAGE}

WORKDIR /opt/kubelite
# .dockerignore lets in only manifests, bin shims, dist/ and node_modules; pnpm's node_modules
# links are relative (../../node_modules/.pnpm/...), so they resolve under /opt/kubelite too.
COPY . /opt/kubelite/

# The binaries on PATH under their upstream names; node follows the link back to the package.
RUN set -e; \
    for pair in etcd-lite:etcd-lite apiserver:kube-apiserver scheduler:kube-scheduler \
        controller-manager:kube-controller-manager kubelet:kubelet proxy:kube-proxy cli:klctl; do \
      pkg="${pair%%:*}"; bin="${pair#*:}"; \
      test -f "/opt/kubelite/packages/$pkg/dist/main.js" || { echo "packages/$pkg/dist is missing: run pnpm build before docker build" >&2; exit 1; }; \
      ln -sf "/opt/kubelite/packages/$pkg/bin/$bin.js" "/usr/local/bin/$bin"; \
    done

ENV NODE_ENV=production KUBELITE_COMPOSE_DIR=/kubelite
CMD ["cat", "/opt/kubelite/deploy/compose/USAGE.txt"]
