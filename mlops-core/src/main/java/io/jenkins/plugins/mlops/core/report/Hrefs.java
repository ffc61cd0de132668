package io.jenkins.plugins.mlops.core.report;


/**
 * Which hrefs a page may carry: relative paths, in-page anchors and http(s) URLs. Anything with another scheme
 * ({@code javascript:}, {@code data:}) is dropped, whoever computed it, so a link can only ever navigate.
 */
final class Hrefs {

    private Hrefs() {
    }

    /** {@code href} when it only navigates, else null (the text is then shown without a link). */
    static String safe(String href) {
        if (href == null) {
            return null;
        }
        String h = href.strip();
        int colon = h.indexOf(':');
        int slash = h.indexOf('/');
        int hash = h.indexOf('#');
        int query = h.indexOf('?');
        boolean hasScheme = colon >= 0 && (slash < 0 || colon < slash) && (hash < 0 || colon < hash)
                && (query < 0 || colon < query);
        if (!hasScheme) {
            return h.startsWith("//") ? null : h; // "//host" would leave the server
        }
        return ReportLinks.safeHttpUrl(h) != null ? h : null;
    }
}
