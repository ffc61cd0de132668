package io.jenkins.plugins.mlops.report;

import io.jenkins.plugins.mlops.core.registry.Lineage;
import io.jenkins.plugins.mlops.core.report.ReportLinks;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The registry page's URLs below Jenkins' root: {@code mlops-registry/model/<name>/},
 * {@code .../version/<n>/}, {@code .../compare/<a>...<b>/}; a version's build by its recorded URL (an http(s) URL,
 * or the build's path below the root as the step records it when Jenkins has no root URL configured).
 */
final class RegistryLinks implements ReportLinks {

    static final String ROOT = "mlops-registry";

    private final String rootUrl;

    /** @param rootUrl Jenkins' root as the page sees it ({@code rootURL} in Jelly: {@code ""} or {@code /jenkins}) */
    RegistryLinks(String rootUrl) {
        this.rootUrl = rootUrl == null ? "" : rootUrl;
    }

    /** The page of a version, below the root: what a build's registration links to. */
    static String versionPath(String name, int version) {
        return ROOT + "/model/" + encode(name) + "/version/" + version + "/";
    }

    @Override
    public String model(String name) {
        return rootUrl + "/" + ROOT + "/model/" + encode(name) + "/";
    }

    @Override
    public String version(String name, int version) {
        return rootUrl + "/" + versionPath(name, version);
    }

    @Override
    public String compare(String name, int left, int right) {
        return rootUrl + "/" + ROOT + "/model/" + encode(name) + "/compare/" + left + "..." + right + "/";
    }

    @Override
    public String build(Lineage lineage) {
        String url = ReportLinks.super.build(lineage);
        if (url != null) {
            return url;
        }
        String path = lineage.getBuildUrl();
        // The step records run.getUrl() ("job/team/job/movies/7/") when Jenkins' root URL is not configured.
        return path != null && path.matches("job/[A-Za-z0-9._~%/-]+") ? rootUrl + "/" + path : null;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
