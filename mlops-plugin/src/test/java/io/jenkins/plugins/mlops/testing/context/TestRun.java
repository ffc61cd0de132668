package io.jenkins.plugins.mlops.testing.context;

import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.model.Result;
import hudson.model.Run;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A build with a number, of a job with a full name, linked to the build before it, for handing to a step through
 * {@link TestStepContext}.
 */
public final class TestRun extends Run<TestRun.TestJob, TestRun> {

    /** A build of a job called {@code test}, at the top level. */
    public TestRun(int number) {
        this(new TestJob("", "test"), number);
    }

    private volatile boolean building = true;

    public TestRun(TestJob job, int number) {
        super(job, System.currentTimeMillis());
        this.number = number;
        job.runs.put(number, this);
    }

    /** The next build of the same job, whose previous build this one is; this one has finished. */
    public TestRun next(Result myResult) {
        setResult(myResult);
        building = false;
        TestRun next = new TestRun(getParent(), number + 1);
        next.previousBuild = this;
        return next;
    }

    /** True until {@link #next} or {@link #finish}. */
    @Override
    public boolean isBuilding() {
        return building;
    }

    /** The build has ended (however: finished, failed to resume after a restart). */
    public void finish() {
        building = false;
    }

    private File rootDir;

    /** The build's directory; artifacts go to its {@code archive} directory. A temporary one unless set. */
    @Override
    public synchronized File getRootDir() {
        if (rootDir == null) {
            try {
                rootDir = Files.createTempDirectory("mlops-build-" + number + "-").toFile();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return rootDir;
    }

    /** Puts the build's directory (and so its artifacts) at {@code dir}. */
    public synchronized TestRun withRootDir(Path dir) {
        this.rootDir = dir.toFile();
        return this;
    }

    /** The build's archived artifacts, as Jenkins' standard artifact manager keeps them. */
    public Path artifacts() {
        return getRootDir().toPath().resolve("archive");
    }

    /** As Jenkins computes it without a current HTTP request. */
    @Override
    public String getUrl() {
        return getParent().getUrl() + number + "/";
    }

    /** A job in a folder of the given full name ({@code ""} for the top level). */
    public static final class TestJob extends Job<TestJob, TestRun> {
        /** Newest first, as Jenkins keeps a job's builds. */
        private final SortedMap<Integer, TestRun> runs = new TreeMap<>(Comparator.reverseOrder());

        public TestJob(String folder, String name) {
            super(new Folder(folder), name);
        }

        @Override
        protected SortedMap<Integer, ? extends TestRun> _getRuns() {
            return runs;
        }

        public String getUrl() {
            String folder = getParent().getFullName();
            return (folder.isEmpty() ? "" : "job/" + folder.replace("/", "/job/") + "/") + "job/" + getName() + "/";
        }
    }

    private record Folder(String fullName) implements ItemGroup<TestJob> {
        @Override
        public String getFullName() {
            return fullName;
        }

        @Override
        public String getDisplayName() {
            return fullName;
        }

        @Override
        public TestJob getItem(String name) {
            return null;
        }
    }
}
