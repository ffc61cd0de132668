package io.jenkins.plugins.mlops.core.report;

import io.jenkins.plugins.mlops.core.registry.Lineage;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where the pages link to, which differs between Jenkins (a registry page under the root URL, a build's report
 * under its URL) and a standalone file (anchors inside the one page, or nothing). Each method returns an href or
 * null for "no link"; the renderer escapes what it gets.
 */
public interface ReportLinks {

    /** No links at all. */
    ReportLinks NONE = new ReportLinks() { };

    /** A model's page in the registry. */
    default String model(String name) {
        return null;
    }

    /** A version's page in the registry. */
    default String version(String name, int version) {
        return null;
    }

    /** The side-by-side comparison of two versions. */
    default String compare(String name, int left, int right) {
        return null;
    }

    /**
     * The build that registered a version. By default its recorded build URL, when that is a plain http(s) URL:
     * the value comes from the build's environment, which a Jenkinsfile can set, so nothing else becomes a link.
     */
    default String build(Lineage lineage) {
        return safeHttpUrl(lineage.getBuildUrl());
    }

    /** {@code url} when it is an absolute http or https URL with a host, else null. */
    static String safeHttpUrl(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI u = new URI(url.trim());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null ? u.toString() : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /**
     * Links inside one standalone page: every model, version and comparison is a section of the same file, with
     * an id the renderer gives it.
     */
    ReportLinks IN_PAGE = new ReportLinks() {
        @Override
        public String model(String name) {
            return "#" + Anchors.model(name);
        }

        @Override
        public String version(String name, int version) {
            return "#" + Anchors.version(name, version);
        }

        @Override
        public String compare(String name, int left, int right) {
            return "#" + Anchors.compare(name, left, right);
        }
    };

    /** The ids of sections in a standalone page; model names are [a-z0-9._-], which ids may hold as they are. */
    final class Anchors {
        private Anchors() {
        }

        public static String model(String name) {
            return "model-" + name;
        }

        public static String version(String name, int version) {
            return "model-" + name + "-v" + version;
        }

        public static String compare(String name, int left, int right) {
            return "compare-" + name + "-v" + left + "-v" + right;
        }
    }
}
