package io.jenkins.plugins.mlops.core.registry.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.core.registry.GateRecord;
import io.jenkins.plugins.mlops.core.registry.RegistrationRequest;
import io.jenkins.plugins.mlops.core.registry.RegistryProbe;
import io.jenkins.plugins.mlops.core.registry.TestModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry the user may not write (or read) fails with what, where and why, not with a bare path. The calls run
 * in a child process the operating system really refuses: as root (CI) the child runs without the capabilities
 * that let root ignore file permissions ({@code setpriv}, util-linux), as any other user it runs as that user.
 */
class EmbeddedPermissionTest {

    @TempDir
    Path tmp;

    private final List<Path> lockedDown = new ArrayList<>();

    @AfterEach
    void unlock() throws IOException {
        for (Path p : lockedDown) {
            chmodTree(p, "rwxr-xr-x", "rw-r--r--");
        }
    }

    @Test
    void aRegistryTheUserCannotWriteSaysPermissionDeniedOnWhichDirectory() throws Exception {
        Path root = registryWithOneVersion();
        lockDown(root, "r-xr-xr-x", "r--r--r--");
        Path model = TestModels.write(tmp.resolve("new-model"), 1, 100, 2);

        String said = probe("register", root.toString(), "movie_predictor", model.toString());

        assertThat(said).startsWith("PERMISSION: Cannot register movie_predictor in the model registry at " + root
                + ": permission denied on directory " + root.resolve("tmp") + ", where ")
                .contains("was to be created (mlops runs as user '").contains("who cannot write there)");
    }

    @Test
    void aRecordTheUserCannotReadSaysPermissionDeniedOnWhichFile() throws Exception {
        Path root = registryWithOneVersion();
        Path record = root.resolve("models/movie_predictor/versions/1/version.json");
        lockDown(record, "---------", "---------");

        String said = probe("show", root.toString(), "movie_predictor");

        assertThat(said).startsWith("PERMISSION: Cannot read the model registry at " + root
                + ": permission denied on " + record + " (mlops runs as user '");
    }

    @Test
    void aPullIntoADirectoryTheUserCannotWriteNamesIt() throws Exception {
        Path root = registryWithOneVersion();
        Path readOnly = Files.createDirectories(tmp.resolve("read-only"));
        lockDown(readOnly, "r-xr-xr-x", "r--r--r--");

        String said = probe("pull", root.toString(), "movie_predictor", readOnly.resolve("model").toString());

        assertThat(said).startsWith("PERMISSION: Cannot pull movie_predictor v1 into " + readOnly.resolve("model")
                + ": permission denied on directory " + readOnly + ", where model was to be created");
        assertThat(readOnly.resolve("model")).doesNotExist();
    }

    private Path registryWithOneVersion() throws Exception {
        Path root = tmp.resolve("registry");
        new EmbeddedModelRegistry(root).register(RegistrationRequest.builder().name("movie_predictor")
                .modelPath(TestModels.write(tmp.resolve("model"), 1, 100, 1).toString())
                .gate(GateRecord.of(true, null)).build());
        // the child runs as another user where this test is not root: let it in, as far as the test wants
        chmodTree(tmp, "rwxr-xr-x", "rw-r--r--");
        return root;
    }

    private void lockDown(Path p, String dirMode, String fileMode) throws IOException {
        lockedDown.add(p);
        chmodTree(p, dirMode, fileMode);
    }

    /** Runs {@link RegistryProbe} in a process that file permissions apply to; returns its line. */
    private static String probe(String... args) throws Exception {
        ProcessBuilder child = TestModels.childJvm(RegistryProbe.class, args).redirectErrorStream(true);
        if ("root".equals(System.getProperty("user.name"))) {
            List<String> cmd = new ArrayList<>(List.of("setpriv", "--inh-caps=-dac_override,-dac_read_search",
                    "--bounding-set=-dac_override,-dac_read_search"));
            cmd.addAll(child.command());
            child.command(cmd);
        }
        Process p = child.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        String[] lines = out.strip().split("\n");
        return lines[lines.length - 1];
    }

    private static void chmodTree(Path top, String dirMode, String fileMode) throws IOException {
        if (!Files.exists(top)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(top)) {
            all = walk.toList();
        } catch (java.io.UncheckedIOException e) {
            all = List.of(top);
        }
        // directories last when locking, so the walk could still enter them; first when unlocking does not matter
        for (Path p : all) {
            if (!Files.isDirectory(p)) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(fileMode));
            }
        }
        for (Path p : all) {
            if (Files.isDirectory(p)) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(dirMode));
            }
        }
    }
}
