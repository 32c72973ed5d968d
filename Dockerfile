# The bot as a container: built in one stage, run from a second one that holds only the compiled bot and its
# production dependencies. What the final stage copies, how it installs and how it starts must match
# support/production-artifact.ts (test/production/dockerfile.test.ts checks it), which
# test/production/artifact.test.ts assembles and runs on this Node release: images can't be built in CI.
ARG NODE_VERSION=22.23.3

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# --ignore-scripts: `npm ci` would otherwise run the project's `prepare` (a full build of src/ and the tests, which
# aren't here) before the build below; the dependencies' install scripts are denied by allowScripts anyway, and
# the node:22 image's npm 10 doesn't read allowScripts.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json ./
COPY src ./src
# Only src/ is in this stage, so the build compiles the bot alone (into dist/src, the layout production expects).
RUN npm run build

FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist/src ./dist/src
# The files stay root's: the bot reads them and never writes beside them.
USER node
EXPOSE 3978
# The slim image has no curl: node asks /healthz itself (the port is PORT's, 3978 unless set).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--disable-warning=DEP0111", "dist/src/index.js"]
