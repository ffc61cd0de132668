package hudson.util;

import java.io.IOException;
import org.kohsuke.stapler.HttpResponse;

/**
 * Stand-in for Jenkins core's {@code hudson.util.FormValidation} (jenkins-2.479.3): what a descriptor's
 * {@code doCheck<Field>} returns, shown under the form field. As in Jenkins, {@link #error(String)},
 * {@link #warning(String)} and {@link #ok(String)} escape their text for HTML ({@code hudson.Util.escape}: markup
 * characters, newlines as {@code <br>}, runs of spaces kept as non-breaking spaces) and {@link #getMessage()} returns
 * that markup. Rendering (Stapler's part) is left out.
 */
public abstract class FormValidation extends IOException implements HttpResponse {

    /** How bad the field's value is. */
    public enum Kind { OK, WARNING, ERROR }

    /** Fixed at construction. */
    public final Kind kind;

    private static final FormValidation OK = new FormValidation(Kind.OK, null) {
        @Override
        public String renderHtml() {
            return "<div/>";
        }
    };

    private FormValidation(Kind kind, String markup) {
        super(markup);
        this.kind = kind;
    }

    public static FormValidation ok() {
        return OK;
    }

    public static FormValidation ok(String message) {
        return okWithMarkup(message == null ? null : escape(message));
    }

    public static FormValidation warning(String message) {
        return warningWithMarkup(message == null ? null : escape(message));
    }

    public static FormValidation error(String message) {
        return errorWithMarkup(message == null ? null : escape(message));
    }

    public static FormValidation okWithMarkup(String html) {
        return respond(Kind.OK, html);
    }

    public static FormValidation warningWithMarkup(String html) {
        return respond(Kind.WARNING, html);
    }

    public static FormValidation errorWithMarkup(String html) {
        return respond(Kind.ERROR, html);
    }

    /** The HTML Jenkins puts under the field. */
    public abstract String renderHtml();

    private static FormValidation respond(Kind kind, String html) {
        if (html == null) {
            return OK;
        }
        return new FormValidation(kind, html) {
            @Override
            public String renderHtml() {
                return "<div class=" + kind.name().toLowerCase(java.util.Locale.ENGLISH) + ">" + html + "</div>";
            }
        };
    }

    /** What {@code hudson.Util.escape} does. */
    private static String escape(String text) {
        StringBuilder buf = new StringBuilder(text.length() + 64);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\n') {
                buf.append("<br>");
            } else if (ch == '<') {
                buf.append("&lt;");
            } else if (ch == '>') {
                buf.append("&gt;");
            } else if (ch == '&') {
                buf.append("&amp;");
            } else if (ch == '"') {
                buf.append("&quot;");
            } else if (ch == '\'') {
                buf.append("&#039;");
            } else if (ch == ' ') {
                char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
                buf.append(next == ' ' ? "&nbsp;" : " ");
            } else {
                buf.append(ch);
            }
        }
        return buf.toString();
    }
}
