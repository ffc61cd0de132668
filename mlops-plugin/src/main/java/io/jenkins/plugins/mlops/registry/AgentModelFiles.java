package io.jenkins.plugins.mlops.registry;

import hudson.AbortException;
import hudson.FilePath;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.registry.ModelSource;
import io.jenkins.plugins.mlops.core.registry.StreamedFile;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import jenkins.MasterToSlaveFileCallable;

/**
 * A model on an agent, as streams the controller's directory registry can store without a temporary copy. The
 * files are listed on the agent by the registry's own rules ({@link ModelSource}: every regular file, sorted,
 * symbolic links refused), so a model registered from an agent is stored exactly as the same model registered from
 * the controller's own workspace; each file is then read through {@link FilePath#read()} while the registry hashes
 * it into its staging area.
 */
final class AgentModelFiles {

    private AgentModelFiles() {
    }

    /** @throws AbortException naming {@code model} when it is empty or holds links */
    static List<StreamedFile> of(FilePath model) throws IOException, InterruptedException {
        Listing listing = model.act(new ListFiles());
        List<StreamedFile> files = new ArrayList<>();
        for (String path : listing.paths()) {
            FilePath file = listing.directory() ? model.child(path) : model;
            files.add(new StreamedFile(path, file::read));
        }
        return files;
    }

    /**
     * @param directory whether the model is a directory (else a single file, listed under its name)
     * @param paths     {@code /}-separated paths inside the model, sorted
     */
    record Listing(boolean directory, ArrayList<String> paths) implements Serializable {
    }

    /** Runs where the model is. */
    static final class ListFiles extends MasterToSlaveFileCallable<Listing> {
        private static final long serialVersionUID = 1L;

        @Override
        public Listing invoke(File model, VirtualChannel channel) throws IOException {
            ArrayList<String> paths = new ArrayList<>();
            try {
                for (ModelSource.SourceFile f : ModelSource.scan(model.toPath())) {
                    paths.add(f.path());
                }
            } catch (MlopsArgumentException e) {
                throw new AbortException("mlRegister: " + e.getMessage());
            }
            return new Listing(model.isDirectory(), paths);
        }
    }
}
