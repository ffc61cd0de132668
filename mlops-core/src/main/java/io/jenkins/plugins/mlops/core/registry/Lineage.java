package io.jenkins.plugins.mlops.core.registry;

import java.io.Serializable;

/**
 * Where a model version came from: the build that registered it, the code, the training image and the data.
 * Every field is optional (null when unknown); the Jenkins step fills them from the build, the CLI from the
 * environment ({@code JOB_NAME}, {@code BUILD_NUMBER}, {@code GIT_COMMIT}...) and its options.
 */
public final class Lineage implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String job;
    private final Integer buildNumber;
    private final String buildUrl;
    private final String gitCommit;
    private final String gitUrl;
    private final String trainingImageId;
    private final String dataDigest;
    private final String actor;

    private Lineage(Builder b) {
        this.job = blankToNull(b.job);
        this.buildNumber = b.buildNumber;
        this.buildUrl = withoutUserInfo(blankToNull(b.buildUrl));
        this.gitCommit = blankToNull(b.gitCommit);
        this.gitUrl = withoutUserInfo(blankToNull(b.gitUrl));
        this.trainingImageId = blankToNull(b.trainingImageId);
        this.dataDigest = blankToNull(b.dataDigest);
        this.actor = blankToNull(b.actor);
    }

    /**
     * {@code url} without the user-info part of its authority: {@code https://user:token@host/repo.git} is stored
     * as {@code https://host/repo.git}. Jenkins' git plugin sets {@code GIT_URL} to the remote as configured, and a
     * remote configured with an access token in it would otherwise put that token into every registry record, build
     * page and report that shows lineage. URLs without a scheme ({@code git@host:repo.git}) carry no password and
     * stay as they are.
     */
    public static String withoutUserInfo(String url) {
        if (url == null) {
            return null;
        }
        return url.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#@]*@", "$1");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Lineage with nothing known but who acted. */
    public static Lineage ofActor(String actor) {
        return builder().actor(actor).build();
    }

    /** Full name of the job, e.g. {@code team/movie-predictor/main}. */
    public String getJob() { return job; }
    public Integer getBuildNumber() { return buildNumber; }
    public String getBuildUrl() { return buildUrl; }
    /** The commit the model was trained from ({@code GIT_COMMIT}). */
    public String getGitCommit() { return gitCommit; }
    /** The remote of that commit ({@code GIT_URL}). */
    public String getGitUrl() { return gitUrl; }
    /** Image id ({@code sha256:...}) the training ran in. */
    public String getTrainingImageId() { return trainingImageId; }
    /** Digest of the training data, as the caller computed it. */
    public String getDataDigest() { return dataDigest; }
    /** Who registered: {@code "<job> #<n>"} for a build, or a user name. */
    public String getActor() { return actor; }

    /** The actor, or a fallback built from job and build number, or {@code unknown}. */
    public String actorOrDefault() {
        if (actor != null) {
            return actor;
        }
        if (job != null) {
            return buildNumber == null ? job : job + " #" + buildNumber;
        }
        return "unknown";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Collects lineage fields. */
    public static final class Builder {
        private String job;
        private Integer buildNumber;
        private String buildUrl;
        private String gitCommit;
        private String gitUrl;
        private String trainingImageId;
        private String dataDigest;
        private String actor;

        private Builder() {
        }

        public Builder job(String v) { this.job = v; return this; }
        public Builder buildNumber(Integer v) { this.buildNumber = v; return this; }
        public Builder buildUrl(String v) { this.buildUrl = v; return this; }
        public Builder gitCommit(String v) { this.gitCommit = v; return this; }
        public Builder gitUrl(String v) { this.gitUrl = v; return this; }
        public Builder trainingImageId(String v) { this.trainingImageId = v; return this; }
        public Builder dataDigest(String v) { this.dataDigest = v; return this; }
        public Builder actor(String v) { this.actor = v; return this; }

        public Lineage build() {
            return new Lineage(this);
        }
    }
}
