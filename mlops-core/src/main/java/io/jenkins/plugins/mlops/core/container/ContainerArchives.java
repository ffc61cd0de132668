package io.jenkins.plugins.mlops.core.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Reads a path out of a container as a tar stream (the Engine API's archive endpoint).
 *
 * <p>docker-java's {@code copyArchiveFromContainerCmd} goes through httpclient5, which advertises gzip; the daemon
 * then compresses the archive on the fly and a model copies out at a sixth of the speed. Asking for
 * {@code Accept-Encoding: identity} on the same transport avoids that (docker-java#1079, moby#40577).
 */
public final class ContainerArchives {

    private ContainerArchives() {
    }

    /**
     * Opens the archive of {@code path} in the container, uncompressed. Entries are named after the path's last
     * component ({@code /mlops/output} gives {@code output/...}). The caller closes the stream.
     *
     * @throws NotFoundException when the container or the path does not exist
     * @throws IOException when the engine answers with another error
     */
    public static InputStream open(DockerClient docker, String containerId, String path) throws IOException {
        DockerHttpClient http = transportOf(docker);
        if (http == null) {
            // Some other client implementation: correct but slower.
            return docker.copyArchiveFromContainerCmd(containerId, path).exec();
        }
        DockerHttpClient.Response response = http.execute(archiveRequest(containerId, path).build());
        int status = response.getStatusCode();
        if (status == 200) {
            return new ResponseStream(response);
        }
        String body;
        try (response) {
            body = new String(response.getBody().readNBytes(4096), StandardCharsets.UTF_8).trim();
        }
        if (status == 404) {
            throw new NotFoundException("No " + path + " in container " + containerId + ": " + body);
        }
        throw new IOException("Docker Engine answered " + status + " when reading " + path + " from container "
                + containerId + ": " + body);
    }

    /** The request {@link #open} sends; without the identity header the daemon would gzip the archive. */
    static DockerHttpClient.Request.Builder archiveRequest(String containerId, String path) {
        return DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/containers/" + URLEncoder.encode(containerId, StandardCharsets.UTF_8)
                        + "/archive?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8))
                .putHeader("Accept-Encoding", "identity");
    }

    static DockerHttpClient transportOf(DockerClient docker) {
        if (docker instanceof DockerClientImpl impl) {
            try {
                return impl.getHttpClient();
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    /** Closing the body alone would leave the pooled connection leased; the response must be closed too. */
    private static final class ResponseStream extends FilterInputStream {
        private final DockerHttpClient.Response response;

        ResponseStream(DockerHttpClient.Response response) {
            super(response.getBody());
            this.response = response;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                response.close();
            }
        }
    }
}
