package io.jenkins.plugins.mlops.core.report;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes HTML and SVG markup in which every piece of text and every attribute value is escaped. The renderer has no
 * way to append a caller's string unescaped: metric names, rule texts, model names, parameters and lineage come from
 * Jenkinsfiles, containers and registries, and must reach the page as text. Elements are closed in order by
 * {@link #close()}, so the markup is well-formed by construction.
 */
final class Html {

    private final StringBuilder out = new StringBuilder(4096);
    private final Deque<String> open = new ArrayDeque<>();

    /** {@code <tag a="v" ...>}; {@code attributes} are name/value pairs, a null value leaves the attribute out. */
    Html open(String tag, String... attributes) {
        start(tag, attributes);
        out.append('>');
        open.push(tag);
        return this;
    }

    /** An element with no content: {@code <tag a="v"/>} for SVG, {@code <tag a="v">} for HTML void elements. */
    Html empty(String tag, String... attributes) {
        start(tag, attributes);
        if (VOID.contains("," + tag + ",")) {
            out.append('>');
        } else if (SVG_EMPTY.contains("," + tag + ",")) {
            out.append("/>");
        } else {
            out.append("></").append(tag).append('>');
        }
        return this;
    }

    /** Closes the innermost open element. */
    Html close() {
        out.append("</").append(open.pop()).append('>');
        return this;
    }

    /** Escaped text. */
    Html text(String s) {
        if (s != null) {
            escape(s, out);
        }
        return this;
    }

    /** {@code <tag attrs>text</tag>}. */
    Html element(String tag, String text, String... attributes) {
        return open(tag, attributes).text(text).close();
    }

    /**
     * A fragment {@link ReportRenderer} returned (which escaped everything in it), placed into a page. Package-private:
     * no caller outside the renderer can put markup into a page.
     */
    Html fragment(String rendered) {
        out.append(rendered);
        return this;
    }

    /** Newline between block elements, so the page's source reads well. */
    Html nl() {
        out.append('\n');
        return this;
    }

    @Override
    public String toString() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("unclosed elements: " + open);
        }
        return out.toString();
    }

    private void start(String tag, String... attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name/value pairs: " + tag);
        }
        out.append('<').append(tag);
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                out.append(' ').append(attributes[i]).append("=\"");
                escape(attributes[i + 1], out);
                out.append('"');
            }
        }
    }

    private static final String VOID = ",br,hr,img,input,link,meta,col,";
    private static final String SVG_EMPTY = ",circle,line,path,polyline,polygon,rect,stop,";

    /** Escapes the five characters that can end text or an attribute value in HTML and XML (SVG). */
    private static void escape(String s, StringBuilder b) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    // Control characters other than tab and newlines are not allowed in HTML or XML text.
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        b.append('\uFFFD');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
    }
}
