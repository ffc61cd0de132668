package io.jenkins.plugins.mlops.core.deploy;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.mlops.core.container.ImageSource;
import io.jenkins.plugins.mlops.core.container.LogSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The test model server (src/test/resources/images/server): built once per JVM, from the resources copied out of
 * the classpath so that the plugin's and the CLI's tests, which see them inside this module's test jar, build it
 * too. Its behaviour comes from the model files it is given ({@link #model}).
 */
public final class TestServerImage {

    public static final String IMAGE = "mlops-test-server:latest";
    private static boolean built;

    private TestServerImage() {
    }

    public static synchronized String build(DockerClient docker) throws Exception {
        if (!built) {
            Path dir = Files.createTempDirectory("mlops-test-server");
            for (String f : List.of("Dockerfile", "server.py")) {
                try (InputStream in = TestServerImage.class.getResourceAsStream("/images/server/" + f)) {
                    Files.copy(in, dir.resolve(f));
                }
            }
            ImageSource.resolve(docker, IMAGE, dir.resolve("Dockerfile"), dir, ImageSource.builtImageLabels(),
                    LogSink.DISCARD);
            built = true;
        }
        return IMAGE;
    }

    /**
     * A model directory for the test server: {@code behaviour.json} (see server.py: {@code {"healthy": false}},
     * {@code {"predictStatus": 500}}, ...) and a weights file.
     */
    public static Path model(Path dir, String behaviourJson) throws IOException {
        Files.createDirectories(dir.resolve("weights"));
        Files.writeString(dir.resolve("behaviour.json"), behaviourJson);
        Files.writeString(dir.resolve("weights/w.txt"), "weights of " + behaviourJson);
        return dir;
    }
}
