# envflow as a container: built the way the README builds it, run as `envflow serve`.
# docker-compose.yml builds and runs it; `docker build -t envflow .` works on its own too.

FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY workflows workflows
COPY activities activities
COPY worker worker
COPY migrations migrations
COPY docs/spec.schema.json docs/spec.schema.json
# the README's build command (DockerfileTest keeps them equal); the cache mount keeps ~/.m2 between builds
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests package

FROM eclipse-temurin:17.0.13_11-jre-noble
RUN groupadd --system --gid 10001 envflow \
 && useradd --system --uid 10001 --gid envflow --home-dir /var/lib/envflow --no-create-home envflow \
 && mkdir -p /var/lib/envflow/monitoring \
 && chown -R envflow:envflow /var/lib/envflow
COPY --from=build /src/worker/target/envflow.jar /app/envflow.jar
USER envflow
WORKDIR /var/lib/envflow
# state (secret store, local providers' files) under /var/lib/envflow; the API on every interface of the container,
# which docker-compose.yml publishes on the host's loopback only
ENV ENVFLOW_STATE_DIR=/var/lib/envflow \
    ENVFLOW_BIND_ADDRESS=0.0.0.0
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/envflow.jar"]
CMD ["serve"]
