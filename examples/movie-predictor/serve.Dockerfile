# The serving image of the example (mlDeploy image: 'movie-predictor:serve'): the same code as the training image,
# started as a model server. The base is a build argument, as for the training image (scripts/docker-env.sh).
ARG BASE_IMAGE=mlops-base:bookworm
FROM ${BASE_IMAGE}
WORKDIR /app
COPY src/ /app/src/
COPY start_api_server.sh /app/
# mlDeploy copies the model into /mlops/model and sets MLOPS_PORT; see docs/serving-contract.md.
CMD ["/app/start_api_server.sh"]
