package io.jenkins.plugins.mlops.core.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives no daemon writes from a real file system, but a hostile engine or a man in the middle could send:
 * duplicate names that turn a directory into a link half-way, {@code ..} and absolute names, hard links out.
 */
class OutputArchiveExtractorTest {

    @TempDir
    Path tempDir;

    private Path root;
    private Path outside;

    @BeforeEach
    void dirs() throws IOException {
        root = Files.createDirectory(tempDir.resolve("out"));
        outside = Files.createDirectory(tempDir.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "secret");
    }

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

    private void dir(String name) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name + "/");
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    private void file(String name, String content) throws IOException {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setSize(b.length);
        tar.putArchiveEntry(e);
        tar.write(b);
        tar.closeArchiveEntry();
    }

    private void link(String name, String target, byte type) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, type, true);
        e.setLinkName(target);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    private UnsafeOutputException rejected() throws Exception {
        tar.finish();
        UnsafeOutputException e = catchThrowableOfType(UnsafeOutputException.class,
                () -> new OutputArchiveExtractor(root).extract(new ByteArrayInputStream(bytes.toByteArray()), "output"));
        assertThat(e).isNotNull();
        assertThat(outside.toFile().list()).containsExactly("secret");
        assertThat(outside.resolve("secret")).hasContent("secret");
        return e;
    }

    private UnsafeOutputException rejectedForTheModel() throws Exception {
        tar.finish();
        UnsafeOutputException e = catchThrowableOfType(UnsafeOutputException.class, () -> new OutputArchiveExtractor(
                root, "model").extract(new ByteArrayInputStream(bytes.toByteArray()), "output"));
        assertThat(e).isNotNull();
        return e;
    }

    @Test
    void linksInsideTheModelMustStayInTheModelTheOneRuleTheRegistryApplies() throws Exception {
        dir("output");
        dir("output/model");
        dir("output/checkpoints");
        file("output/checkpoints/best.pt", "w");
        link("output/model/latest.pt", "../checkpoints/best.pt", TarConstants.LF_SYMLINK);
        UnsafeOutputException e = rejectedForTheModel();
        assertThat(e.getEntry()).isEqualTo("output/model/latest.pt");
        assertThat(e).hasMessage("output entry 'output/model/latest.pt' is a link (to ../checkpoints/best.pt) that leads"
                + " outside the model directory; a link inside the model must point at a file or directory inside it,"
                + " because the registry stores the file a link points at");
    }

    @Test
    void theModelDirectoryItselfMustNotBeALink() throws Exception {
        dir("output");
        dir("output/checkpoints");
        link("output/model", "checkpoints", TarConstants.LF_SYMLINK);
        assertThat(rejectedForTheModel()).hasMessage("output entry 'output/model' replaces the model directory with a"
                + " link; it must be a directory");
    }

    @Test
    void linksThatStayInsideTheModelAndLinksElsewhereInTheOutputAreKept() throws Exception {
        dir("output");
        dir("output/model");
        dir("output/model/epoch3");
        file("output/model/epoch3/best.pt", "w");
        link("output/model/latest.pt", "epoch3/best.pt", TarConstants.LF_SYMLINK);
        link("output/model/current", "epoch3", TarConstants.LF_SYMLINK);
        link("output/latest", "model/latest.pt", TarConstants.LF_SYMLINK);
        tar.finish();
        new OutputArchiveExtractor(root, "model").extract(new ByteArrayInputStream(bytes.toByteArray()), "output");
        assertThat(root.resolve("model/latest.pt")).hasContent("w");
        assertThat(root.resolve("model/current/best.pt")).hasContent("w");
        assertThat(root.resolve("latest")).hasContent("w");
    }

    @Test
    void fileWrittenThroughAnEarlierLinkedDirectory() throws Exception {
        dir("output");
        link("output/d", "../../outside", TarConstants.LF_SYMLINK);
        file("output/d/planted", "x");
        assertThat(rejected().getEntry()).isEqualTo("output/d");
    }

    @Test
    void directoryReplacedByALinkHalfWay() throws Exception {
        dir("output");
        dir("output/d");
        file("output/d/a", "fine");
        link("output/d", "../../outside", TarConstants.LF_SYMLINK);
        file("output/d/b", "x");
        rejected();
        assertThat(root.resolve("d/a")).hasContent("fine");
    }

    @Test
    void inTreeLinkedDirectoryThatLaterEntriesUseIsFollowedSafely() throws Exception {
        dir("output");
        dir("output/real");
        link("output/alias", "real", TarConstants.LF_SYMLINK);
        file("output/alias/f", "via alias");
        tar.finish();
        new OutputArchiveExtractor(root).extract(new ByteArrayInputStream(bytes.toByteArray()), "output");
        assertThat(root.resolve("real/f")).hasContent("via alias");
    }

    @Test
    void dotDotAndAbsoluteNames() throws Exception {
        file("output/../outside/x", "x");
        assertThat(rejected().getMessage()).contains("'..'");
        bytes.reset();
        TarArchiveOutputStream t2 = new TarArchiveOutputStream(bytes);
        TarArchiveEntry abs = new TarArchiveEntry("/tmp/x", true);
        abs.setSize(0);
        t2.putArchiveEntry(abs);
        t2.closeArchiveEntry();
        t2.finish();
        UnsafeOutputException e = catchThrowableOfType(UnsafeOutputException.class,
                () -> new OutputArchiveExtractor(root).extract(new ByteArrayInputStream(bytes.toByteArray()), "output"));
        assertThat(e.getMessage()).contains("absolute");
    }

    @Test
    void hardLinksOutOfTheArchive() throws Exception {
        dir("output");
        link("output/h", outside.resolve("secret").toString(), TarConstants.LF_LINK);
        assertThat(rejected().getMessage()).contains("hard link");
    }

    @Test
    void fileReplacingALinkIsNotWrittenThroughIt() throws Exception {
        dir("output");
        link("output/l", "target-not-yet-there", TarConstants.LF_SYMLINK);
        file("output/l", "x");
        assertThat(rejected().getMessage()).contains("twice");
        assertThat(root.resolve("target-not-yet-there")).doesNotExist();
    }

    private void entry(String name, int mode, String content) throws IOException {
        byte[] b = content == null ? new byte[0] : content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name + (content == null ? "/" : ""), true);
        e.setMode((content == null ? 040000 : 0100000) | mode);
        e.setSize(b.length);
        tar.putArchiveEntry(e);
        tar.write(b);
        tar.closeArchiveEntry();
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    /**
     * The container wants its output world-writable (the contract's directories are, so that any image user can
     * write them) and a setuid file: on the agent, nobody but the build's user may write, whatever the umask, and a
     * stricter umask narrows further. The executable bit stays where the container set it.
     */
    @Test
    void outputsAreNeverWritableByOthersAndFollowTheUmask() throws Exception {
        entry("output", 0777, null);
        entry("output/model", 0777, null);
        entry("output/model/weights.bin", 0666, "w");
        entry("output/model/serve.sh", 0777, "#!/bin/sh");
        entry("output/model/secret.key", 0600, "k");
        entry("output/model/suid", 04755, "s");
        entry("output/implied/below.txt", 0644, "no entry for its directory");
        tar.finish();
        byte[] archive = bytes.toByteArray();

        Path shared = Files.createDirectory(tempDir.resolve("umask002"));
        new OutputArchiveExtractor(shared, "model", new OutputModes(0002)).extract(new ByteArrayInputStream(archive), "output");
        assertThat(mode(shared)).isEqualTo("rwxr-xr-x");
        assertThat(mode(shared.resolve("model"))).isEqualTo("rwxr-xr-x");
        assertThat(mode(shared.resolve("model/weights.bin"))).isEqualTo("rw-r--r--");
        assertThat(mode(shared.resolve("model/serve.sh"))).isEqualTo("rwxr-xr-x");
        assertThat(mode(shared.resolve("model/secret.key"))).isEqualTo("rw-------");
        assertThat(mode(shared.resolve("model/suid"))).isEqualTo("rwxr-xr-x");
        assertThat(mode(shared.resolve("implied"))).isEqualTo("rwxr-xr-x");
        assertThat(mode(shared.resolve("implied/below.txt"))).isEqualTo("rw-r--r--");

        Path privateRoot = Files.createDirectory(tempDir.resolve("umask077"));
        new OutputArchiveExtractor(privateRoot, "model", new OutputModes(0077)).extract(new ByteArrayInputStream(archive), "output");
        assertThat(mode(privateRoot)).isEqualTo("rwx------");
        assertThat(mode(privateRoot.resolve("model"))).isEqualTo("rwx------");
        assertThat(mode(privateRoot.resolve("model/weights.bin"))).isEqualTo("rw-------");
        assertThat(mode(privateRoot.resolve("model/serve.sh"))).isEqualTo("rwx------");
        assertThat(mode(privateRoot.resolve("implied"))).isEqualTo("rwx------");
    }

    /** The umask the JVM reads is the one a child process inherits, as `sh -c umask` prints it. */
    @Test
    void theProcessUmaskIsTheOneTheShellSees() throws Exception {
        Process sh = new ProcessBuilder("sh", "-c", "umask").redirectErrorStream(true).start();
        String printed = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(sh.waitFor()).isZero();
        assertThat(OutputModes.processUmask()).isEqualTo(Integer.parseInt(printed, 8));
    }
}
