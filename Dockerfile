# The bot as a container: a build stage that installs everything and bundles dist/, and a slim
# runtime that runs the bundle as the unprivileged `node` user. Corpus, index and question log
# are volumes. (Not built in this project's CI: it has no Docker engine.)

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles when no prebuilt binary fits.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY . .
# `npm ci` also bundles dist/ (the `prepare` script); the build is run again to be sure it is current.
RUN npm ci --no-audit --no-fund && npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HEALTH_PORT=8080 \
    DICTIONARY_CACHE_DIR=/app/cache
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/corpus ./corpus
RUN mkdir -p index data cache && chown -R node:node index data cache corpus
USER node
VOLUME ["/app/corpus", "/app/index", "/app/data"]
# 3000: Slack's HTTP receiver (PORT); 8080: /healthz and /metrics when only Discord or Socket Mode runs.
EXPOSE 3000 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.SLACK_SIGNING_SECRET && !process.env.SLACK_APP_TOKEN ? process.env.PORT || 3000 : process.env.HEALTH_PORT) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# What `npm start` runs once dist/ is built.
CMD ["node", "--max-semi-space-size=8", "dist/adapters/start.js"]
